namespace Portal.Server.Deployments;

/// <summary>The labels and engine object names that tie engine state to a deployment row.</summary>
public static class DeploymentLabels
{
    public const string Deployment = "portal.deployment";
    public const string ApplianceVersion = "portal.appliance-version";
    public const string Appliance = "portal.appliance";

    /// <summary>The first 12 hex digits of the id: short enough for names, unique enough among one host's deployments.</summary>
    public static string ShortId(Guid id) => id.ToString("N")[..12];

    public static string ContainerName(Guid id) => "portal-" + ShortId(id);

    public static string NetworkName(Guid id) => "portal-" + ShortId(id);

    public static string VolumeName(Guid id, string volume) => $"portal-{ShortId(id)}-{volume}";

    /// <summary>The deployment id a container, network or volume is labelled with; null when it is not Portal's.</summary>
    public static Guid? DeploymentOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(Deployment, out var text) && Guid.TryParse(text, out var id) ? id : null;

    public static int? VersionOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ApplianceVersion, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
