namespace Portal.Data.Entities;

/// <summary>The one-time first-run token (only its hash is kept) that creates the first admin.</summary>
public sealed class SetupToken
{
    public int Id { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
