using System.Net;
using System.Net.Sockets;
using Portal.Engine.Errors;
using Portal.Engine.Network;

namespace Portal.Engine.Containers;

public sealed partial class ContainerEngine
{
    public async Task ConnectAsync(string idOrName, ContainerEndpointConfig endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var entry = Resolve(idOrName);
        var config = CheckEndpoint(endpoint with { NetworkName = Network.ResolveNetwork(endpoint.NetworkName) });
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = entry.Record;
            if (!_containers.ContainsKey(record.Id))
            {
                throw NotFoundException.Container(idOrName);
            }

            if (record.NetworkMode is NetworkModes.None or NetworkModes.Host || record.NetworkMode?.StartsWith("container:", StringComparison.Ordinal) == true)
            {
                throw new InvalidArgumentException(
                    $"container {record.Name} uses network mode {record.NetworkMode}: it cannot be connected to network {config.NetworkName}");
            }

            var configs = NetworkModes.EndpointsOf(record);
            if (configs.Any(c => c.NetworkName == config.NetworkName))
            {
                throw new ForbiddenException($"endpoint with name {record.Name} already exists in network {config.NetworkName}");
            }

            ContainerNetworkSettings? added = null;
            if (record.State.Status == ContainerStatus.Running)
            {
                // Never eth0, even when it is free again: a live connect leaves the default route alone.
                var used = LiveEndpoints(record).Select(ContainerNetwork.IndexOf).ToHashSet();
                var index = Enumerable.Range(1, int.MaxValue - 1).First(i => !used.Contains(i));
                added = await Network.ConnectAsync(record.Id, config, index, cancellationToken).ConfigureAwait(false);
            }

            lock (entry)
            {
                record.Networks = [.. configs, config];
                if (added is not null)
                {
                    record.AdditionalNetworkSettings = [.. record.AdditionalNetworkSettings, added];
                }
            }

            Save(entry);
            if (added is not null)
            {
                RewriteHosts(entry);
                RefreshPeerHosts([added], record.Id, left: false);
            }

            PublishNetworkEvent("connect", record.Id, added?.NetworkId ?? config.NetworkName, config.NetworkName);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public async Task DisconnectAsync(string idOrName, string network, bool force, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        var name = Network.ResolveNetwork(network);
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = entry.Record;
            if (!_containers.ContainsKey(record.Id))
            {
                throw NotFoundException.Container(idOrName);
            }

            var configs = NetworkModes.EndpointsOf(record);
            var live = LiveEndpoints(record).FirstOrDefault(e => e.NetworkName == name);
            if (live is null && !configs.Any(c => c.NetworkName == name))
            {
                throw new NotFoundException($"container {record.Id} is not connected to network {name}");
            }

            var first = live is not null && ReferenceEquals(live, record.NetworkSettings);
            if (live is not null)
            {
                await Network.DisconnectAsync(record.Id, live, unpublish: first, cancellationToken).ConfigureAwait(false);
            }

            lock (entry)
            {
                record.Networks = [.. configs.Where(c => c.NetworkName != name)];
                if (first)
                {
                    record.NetworkSettings = null;
                }
                else if (live is not null)
                {
                    record.AdditionalNetworkSettings = [.. record.AdditionalNetworkSettings.Where(e => !ReferenceEquals(e, live))];
                }
            }

            Save(entry);
            if (live is not null)
            {
                RewriteHosts(entry);
                RefreshPeerHosts([live], record.Id, left: false);
            }

            PublishNetworkEvent("disconnect", record.Id, live?.NetworkId ?? name, name);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// Create: the record's networks from the resolved <paramref name="networkMode"/> and the request's per-network
    /// settings: the mode's network first (with its aliases and address), then the others in the order asked.
    /// Null for a container on no bridge network.
    /// </summary>
    private List<ContainerEndpointConfig>? EndpointsAtCreate(string networkMode, string? requestedMode, IReadOnlyList<ContainerEndpointConfig> requested)
    {
        var isMode = (ContainerEndpointConfig e) => e.NetworkName is "" or NetworkModes.Default || e.NetworkName == requestedMode || e.NetworkName == networkMode;
        if (!NetworkModes.UsesBridge(networkMode))
        {
            var other = requested.FirstOrDefault(e => !isMode(e));
            return other is null
                ? null
                : throw new InvalidArgumentException($"container cannot be connected to network endpoints: {networkMode} and {other.NetworkName}");
        }

        var primary = requested.FirstOrDefault(isMode) ?? new ContainerEndpointConfig { NetworkName = networkMode };
        var endpoints = new List<ContainerEndpointConfig> { CheckEndpoint(primary with { NetworkName = networkMode }) };
        foreach (var endpoint in requested.Where(e => !isMode(e)))
        {
            var resolved = CheckEndpoint(endpoint with { NetworkName = Network.ResolveNetwork(endpoint.NetworkName) });
            if (!endpoints.Any(e => e.NetworkName == resolved.NetworkName))
            {
                endpoints.Add(resolved);
            }
        }

        return endpoints;
    }

    /// <summary>Docker's rules: aliases and fixed addresses only on user-defined networks; aliases are host names.</summary>
    private static ContainerEndpointConfig CheckEndpoint(ContainerEndpointConfig endpoint)
    {
        var onDefault = endpoint.NetworkName == NetworkModes.Bridge;
        if (endpoint.Aliases.Count > 0 && onDefault)
        {
            throw new InvalidArgumentException("network-scoped alias is supported only for containers in user defined networks");
        }

        foreach (var alias in endpoint.Aliases)
        {
            if (alias.Length == 0 || alias.Length > 253 || !alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                throw new InvalidArgumentException($"network {endpoint.NetworkName}: invalid alias \"{alias}\": want a host name (letters, digits, '-', '.', '_')");
            }
        }

        if (endpoint.IPv4Address is { } address)
        {
            if (onDefault)
            {
                throw new InvalidArgumentException("user specified IP address is supported on user defined networks only");
            }

            if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
            {
                throw new InvalidArgumentException($"network {endpoint.NetworkName}: invalid IPv4 address \"{address}\"");
            }
        }

        return endpoint with { Aliases = [.. endpoint.Aliases.Distinct(StringComparer.Ordinal)] };
    }

    private void PublishNetworkEvent(string action, string containerId, string networkId, string networkName) =>
        _events.Publish("network", action, networkId, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["container"] = containerId,
            ["name"] = networkName,
            ["type"] = "bridge",
        });
}
