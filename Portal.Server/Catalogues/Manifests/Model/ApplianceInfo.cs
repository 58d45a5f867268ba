namespace Portal.Server.Catalogues.Manifests;

/// <summary>The <c>x-appliance</c> block. Strings a manifest leaves out are empty.</summary>
public sealed record ApplianceInfo
{
    public int ManifestVersion { get; init; }
    public string Id { get; init; } = "";
    public string Version { get; init; } = "";
    public string Title { get; init; } = "";
    public string Tagline { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>A path inside the catalogue bundle, relative to the manifest.</summary>
    public string Icon { get; init; } = "";
    /// <summary>
    /// <c>screenshots</c>, in manifest order; null when the manifest has none, so the stored JSON of a manifest without
    /// screenshots is what it was before the field existed (an unchanged re-upload still compares equal).
    /// </summary>
    public IReadOnlyList<ApplianceScreenshot>? Screenshots { get; init; }
    public string Category { get; init; } = "";
    public string Vendor { get; init; } = "";
    public ApplianceLinks Links { get; init; } = new();
    public string ReleaseNotes { get; init; } = "";
    public WebUi? WebUi { get; init; }
    public ConfigSchema Config { get; init; } = ConfigSchema.Empty;
    public ApplianceRequirements Requirements { get; init; } = new();
    public SecurityDisclosure Security { get; init; } = new();
    /// <summary>Named volumes whose data is kept across upgrades and rollbacks.</summary>
    public IReadOnlyList<string> KeepVolumes { get; init; } = [];
}
