namespace Portal.Server.Catalogues.Demo;

/// <summary>One appliance of the demo catalogue: its content lives in Catalogues/Demo/Content/&lt;Slug&gt;/&lt;version&gt;/.</summary>
public sealed record DemoAppliance(string Slug, string Title, string Description, IReadOnlyList<string> Versions)
{
    /// <summary>Directories the image declares as volumes; created owned by the app user so a fresh volume is writable.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    public string ImageTag(string version) => $"localhost/portal-demo/{Slug}:{version}";
}
