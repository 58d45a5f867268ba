namespace Portal.Engine.Containers;

/// <summary>How the container's PID 1 ended, as the shim recorded it. <see cref="ExitCode"/> follows
/// the shell convention: 128 + signal when it was killed by one.</summary>
public sealed record ShimExit(int ExitCode, int? Signal, DateTimeOffset FinishedAt, string? Error = null);
