namespace Portal.Server.Audit;

/// <summary>Target types of the server core's audit entries.</summary>
public static class AuditTargets
{
    public const string User = "user";
    public const string Team = "team";
    public const string Vendor = "vendor";
    public const string Deployment = "deployment";
    public const string Catalogue = "catalogue";
}
