namespace Portal.Server.Security;

/// <summary>The "Portal:Auth" configuration section (docs/security.md).</summary>
public sealed class PortalAuthOptions
{
    public const string Section = "Portal:Auth";

    /// <summary>Idle time after which a session ends; every request slides it.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed logins for one username before it is locked out.</summary>
    public int UserLockoutThreshold { get; set; } = 5;

    /// <summary>Failed logins from one client address before it is locked out.</summary>
    public int AddressLockoutThreshold { get; set; } = 20;

    /// <summary>The first lockout; each further failure doubles it up to <see cref="LockoutMaxDelay"/>.</summary>
    public TimeSpan LockoutBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan LockoutMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login and setup requests one client address may make per minute, failed or not.</summary>
    public int AuthRequestsPerMinutePerAddress { get; set; } = 60;
}
