namespace Portal.Client.Components.Logs;

/// <summary>A buffered log line: <see cref="Text"/> already made inert by <see cref="LogText.Clean"/>; <see cref="Sequence"/> counts from 1 over the viewer's life.</summary>
public sealed record LogEntry(long Sequence, DateTimeOffset Time, bool IsStderr, string Text);
