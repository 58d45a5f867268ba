namespace Portal.Data.Entities;

/// <summary>
/// A login. Roles: <see cref="IsAdmin"/>; vendor when <see cref="VendorId"/> is set (manages that vendor's
/// catalogues); team member or owner through <see cref="Memberships"/>.
/// </summary>
public sealed class User
{
    public int Id { get; set; }

    /// <summary>Unique under SQLite's NOCASE collation, which folds ASCII letters only.</summary>
    public required string Username { get; set; }

    public required string PasswordHash { get; set; }

    public string? DisplayName { get; set; }

    public bool IsAdmin { get; set; }

    public int? VendorId { get; set; }

    public Vendor? Vendor { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Changed on password change, disable and logout-everywhere; cookies carrying an older stamp are refused.</summary>
    public Guid SecurityStamp { get; set; } = Guid.NewGuid();

    public DateTimeOffset CreatedAt { get; set; }

    public int FailedLoginCount { get; set; }

    public DateTimeOffset? LastFailedLoginAt { get; set; }

    public DateTimeOffset? LockedOutUntil { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }

    public List<Membership> Memberships { get; } = [];
}
