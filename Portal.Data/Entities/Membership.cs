namespace Portal.Data.Entities;

/// <summary>A user in a team; the key is (TeamId, UserId), so a user is in a team once.</summary>
public sealed class Membership
{
    public int TeamId { get; set; }

    public Team? Team { get; set; }

    public int UserId { get; set; }

    public User? User { get; set; }

    public TeamRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
