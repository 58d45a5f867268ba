using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Tests.Network.Networks;

internal sealed class FakeHostRoutes(params string[] routes) : IHostRoutes
{
    public List<Ipv4Cidr> Routes { get; } = [.. routes.Select(r => Ipv4Cidr.Parse(r))];

    public IReadOnlyList<Ipv4Cidr> Read() => Routes;
}
