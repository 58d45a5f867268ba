namespace Portal.Server.Tests.Integration;

/// <summary>
/// Test classes that create bridge endpoints (veths, namespaces, the shared nft table) run one after the
/// other, so a test that lists the host's Portal veths sees only its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostNetworkCollection
{
    public const string Name = "host network";
}
