namespace Portal.Server.Audit;

/// <summary>Action names written by the server core; other areas add their own ("deployment.create"...).</summary>
public static class AuditActions
{
    public const string Login = "auth.login";
    public const string LoginFailed = "auth.login-failed";
    public const string LoginThrottled = "auth.login-throttled";
    public const string Lockout = "auth.lockout";
    public const string Logout = "auth.logout";
    public const string SetupCompleted = "setup.completed";
    public const string SetupFailed = "setup.failed";
    public const string SetupTokenIssued = "setup.token-issued";
    public const string UserCreate = "user.create";
    public const string UserDisable = "user.disable";
    public const string UserEnable = "user.enable";
    public const string UserPasswordReset = "user.password-reset";
    public const string TeamCreate = "team.create";
    public const string TeamUpdateQuotas = "team.update-quotas";
    public const string TeamDelete = "team.delete";
    public const string MembershipSet = "membership.set";
    public const string MembershipRemove = "membership.remove";
    public const string VendorCreate = "vendor.create";
    public const string CatalogueUpload = "catalogue.upload";
    public const string CatalogueUploadRefused = "catalogue.upload-refused";
    public const string DeploymentCreate = "deployment.create";
    public const string DeploymentStart = "deployment.start";
    public const string DeploymentStop = "deployment.stop";
    public const string DeploymentRestart = "deployment.restart";
    public const string DeploymentUpgrade = "deployment.upgrade";
    public const string DeploymentRollback = "deployment.rollback";
    public const string DeploymentRemove = "deployment.remove";
    /// <summary>A deploy, upgrade or other operation refused: invalid (e.g. a manifest the vendor policy refuses) or over quota.</summary>
    public const string DeploymentRefused = "deployment.refused";
    /// <summary>A signed-in user asked for something their roles or teams do not allow (HTTP 403).</summary>
    public const string AccessDenied = "access.denied";
}
