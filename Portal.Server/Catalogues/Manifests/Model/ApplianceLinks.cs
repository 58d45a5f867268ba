namespace Portal.Server.Catalogues.Manifests;

public sealed record ApplianceLinks
{
    public string Support { get; init; } = "";
    public string Docs { get; init; } = "";
    public string Homepage { get; init; } = "";
}
