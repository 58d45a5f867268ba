namespace Portal.Engine.Logs;

/// <summary>One line of container output with the time the shim read it. <see cref="Line"/> keeps its
/// trailing newline when it had one (a line cut at the size cap or at exit has none).</summary>
public sealed record LogEntry(DateTimeOffset Time, LogStream Stream, ReadOnlyMemory<byte> Line);
