namespace Portal.Server.Security;

/// <summary>
/// Authorization policies. Every endpoint without an explicit policy gets the fallback policy (an
/// authenticated user), so an endpoint can only be public by saying AllowAnonymous.
/// </summary>
public static class PortalPolicies
{
    public const string Admin = "portal:admin";

    public const string Vendor = "portal:vendor";

    /// <summary>Only admins reach these endpoints.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Admin);

    /// <summary>Only vendors (and admins) reach these endpoints; check the vendor itself with <see cref="PortalAccess.RequireVendor"/>.</summary>
    public static TBuilder RequireVendorRole<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Vendor);
}
