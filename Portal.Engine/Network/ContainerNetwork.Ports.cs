using Portal.Engine.Containers;
using Portal.Engine.Network.Firewall;

namespace Portal.Engine.Network;

public sealed partial class ContainerNetwork
{
    public async Task<IReadOnlyList<PortBinding>> ReservePortsAsync(string containerId, string networkName, IReadOnlyList<PortBinding> ports,
        IReadOnlyList<PortBinding> heldByOthers, CancellationToken cancellationToken)
    {
        if (ports.Count == 0)
        {
            return [];
        }

        var network = await EnsureBridgeAsync(networks.Get(networkName), cancellationToken).ConfigureAwait(false);
        // The address is not leased before start; the gateway stands in so the checks see a port into this network.
        var address = network.Gateway!.ToString();
        var held = heldByOthers.Where(p => !p.IsHostPortChosen).Select(p => ToPublished(containerId, address, p)).ToList();
        var others = firewall.State.Ports.Where(p => p.ContainerId != containerId).Concat(held).ToList();
        var result = new List<PortBinding>(ports.Count);
        foreach (var port in ports)
        {
            if (!port.IsHostPortChosen)
            {
                result.Add(port);
                continue;
            }

            bool IsTaken(int hostPort)
            {
                var candidate = ToPublished(containerId, address, port with { HostPort = hostPort });
                return others.Any(candidate.ClashesWith)
                    || result.Any(r => ToPublished(containerId, address, r).ClashesWith(candidate));
            }

            var last = port.HostPortEnd == 0 ? port.HostPort : port.HostPortEnd;
            var hostAddress = FirewallNames.IPv4(port.HostIp.Length == 0 ? "0.0.0.0" : port.HostIp, "host address");
            var chosen = firewall.Ports.Choose(PortProtocols.Parse(port.Protocol), hostAddress, port.HostPort, last, IsTaken);
            result.Add(port with { HostPort = chosen, HostPortEnd = 0, RequestedHostPort = port.RequestedHostPortText });
        }

        firewall.CheckPorts(containerId, [.. result.Select(p => ToPublished(containerId, address, p))]);
        return result;
    }
}
