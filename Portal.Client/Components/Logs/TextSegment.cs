namespace Portal.Client.Components.Logs;

/// <summary>A piece of a log line; <see cref="IsMatch"/> pieces are what the search found.</summary>
public readonly record struct TextSegment(string Text, bool IsMatch);
