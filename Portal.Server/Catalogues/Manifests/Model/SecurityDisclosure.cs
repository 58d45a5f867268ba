namespace Portal.Server.Catalogues.Manifests;

/// <summary>What the appliance asks of the host, shown before deploy. Capabilities are upper case without <c>CAP_</c>.</summary>
public sealed record SecurityDisclosure
{
    public IReadOnlyList<string> Capabilities { get; init; } = [];
    public IReadOnlyList<string> HostMounts { get; init; } = [];
    public string RunAs { get; init; } = "";
}
