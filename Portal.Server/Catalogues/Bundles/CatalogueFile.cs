namespace Portal.Server.Catalogues.Bundles;

/// <summary>A bundle's catalogue.yaml: who publishes it, its version and the appliance directories it holds.</summary>
public sealed record CatalogueFile
{
    public const string FileName = "catalogue.yaml";

    public string Vendor { get; init; } = "";
    public string Version { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>Directories in the bundle, each holding appliance.yaml, the icon and the image.</summary>
    public IReadOnlyList<string> Appliances { get; init; } = [];
}
