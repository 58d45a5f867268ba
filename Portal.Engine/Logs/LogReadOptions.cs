namespace Portal.Engine.Logs;

/// <summary>What to read from a container log. <see cref="Tail"/> null = all lines.</summary>
public sealed record LogReadOptions
{
    public bool Stdout { get; init; } = true;
    public bool Stderr { get; init; } = true;
    public int? Tail { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    /// <summary>Keep reading new lines until the container exits (or the caller cancels).</summary>
    public bool Follow { get; init; }
}
