using System.Collections.Concurrent;
using Portal.Engine.Containers;
using Portal.Engine.Network;
using Portal.Engine.Network.Firewall;

namespace Portal.Engine.Tests.Containers;

/// <summary>Records what the engine asks of the network; host ports clash as in the real firewall.</summary>
internal sealed class FakeContainerNetwork : IContainerNetwork
{
    private int _next = 2;

    public ConcurrentDictionary<string, ContainerNetworkSettings> Attached { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, IReadOnlyList<PortBinding>> Published { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Calls { get; } = new();
    public List<RunningEndpoint>? Restored { get; private set; }
    public bool FailAttach { get; set; }

    public Task CheckPortsAsync(string containerId, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken)
    {
        Calls.Enqueue("check " + containerId);
        foreach (var port in ports)
        {
            if (Published.Values.SelectMany(p => p).Any(p => p.HostPort == port.HostPort && p.Protocol == port.Protocol))
            {
                throw PortAlreadyAllocatedException.For(PublishedPort.Create(containerId, "172.17.0.1", port.ContainerPort, port.Protocol, port.HostIp, port.HostPort));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>What the last reservation was told other containers hold.</summary>
    public IReadOnlyList<PortBinding>? LastHeld { get; private set; }

    /// <summary>Chosen ports count up from 49153 (or a range's first port), skipping what others hold.</summary>
    public async Task<IReadOnlyList<PortBinding>> ReservePortsAsync(string containerId, string networkName, IReadOnlyList<PortBinding> ports,
        IReadOnlyList<PortBinding> heldByOthers, CancellationToken cancellationToken)
    {
        LastHeld = heldByOthers;
        var result = new List<PortBinding>();
        foreach (var port in ports)
        {
            if (!port.IsHostPortChosen)
            {
                result.Add(port);
                continue;
            }

            var next = port.HostPortEnd != 0 ? port.HostPort : 49153;
            while (heldByOthers.Concat(result).Any(p => p.HostPort == next))
            {
                next++;
            }

            result.Add(port with { HostPort = next, HostPortEnd = 0, RequestedHostPort = port.RequestedHostPortText });
        }

        await CheckPortsAsync(containerId, result, cancellationToken);
        return result;
    }

    /// <summary>Endpoints added to a namespace after eth0 (connect), by container id and network name.</summary>
    public ConcurrentDictionary<(string ContainerId, string Network), ContainerNetworkSettings> Connected { get; } = new();

    /// <summary>Containers whose namespace exists (made by attach, removed by detach).</summary>
    public ConcurrentDictionary<string, bool> Namespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>"bridge" and two user-defined networks, "n1" (10.231/16, id e…) and "n2" (10.232/16, id f…).</summary>
    public string ResolveNetwork(string nameOrId) =>
        nameOrId is "bridge" or "n1" or "n2" ? nameOrId
        : nameOrId is "none" or "host" ? throw new Portal.Engine.Errors.InvalidArgumentException($"network {nameOrId} is not supported yet for containers")
        : throw new Portal.Engine.Errors.NotFoundException($"network {nameOrId} not found");

    public async Task<ContainerNetworkSettings> AttachAsync(string containerId, string networkName, CancellationToken cancellationToken)
    {
        var settings = await AttachAsync(containerId, cancellationToken);
        if (networkName == "bridge")
        {
            return settings;
        }

        settings = OnNetwork(settings, networkName);
        Attached[containerId] = settings;
        return settings;
    }

    public async Task<ContainerNetworkSettings> ConnectAsync(string containerId, ContainerEndpointConfig endpoint, int index, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"connect {containerId} {endpoint.NetworkName} eth{index}");
        if (!Namespaces.ContainsKey(containerId))
        {
            throw new Portal.Engine.Errors.InvalidArgumentException($"container {containerId[..12]} has no network namespace of its own");
        }

        await Task.Yield();
        var settings = OnNetwork(new ContainerNetworkSettings
        {
            NetworkName = "bridge",
            NetworkId = new string('b', 64),
            IPAddress = endpoint.IPv4Address ?? $"172.17.0.{Interlocked.Increment(ref _next)}",
            PrefixLength = 16,
            Gateway = "172.17.0.1",
            SandboxKey = "/run/netns/portal-" + containerId[..12],
        }, endpoint.NetworkName) with
        { Interface = $"eth{index}", Aliases = endpoint.Aliases };
        Connected[(containerId, endpoint.NetworkName)] = settings;
        return settings;
    }

    public Task DisconnectAsync(string containerId, ContainerNetworkSettings endpoint, bool unpublish, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"disconnect {containerId} {endpoint.NetworkName}{(unpublish ? " unpublish" : "")}");
        if (!Connected.TryRemove((containerId, endpoint.NetworkName), out _) && Attached.TryGetValue(containerId, out var first) && first.NetworkName == endpoint.NetworkName)
        {
            Attached.TryRemove(containerId, out _);
        }

        if (unpublish)
        {
            Published.TryRemove(containerId, out _);
        }

        return Task.CompletedTask;
    }

    private static ContainerNetworkSettings OnNetwork(ContainerNetworkSettings settings, string network) => network switch
    {
        "bridge" => settings,
        "n2" => settings with { NetworkName = network, NetworkId = new string('f', 64), IPAddress = settings.IPAddress.Replace("172.17.", "10.232.", StringComparison.Ordinal) },
        _ => settings with { NetworkName = network, NetworkId = new string('e', 64), IPAddress = settings.IPAddress.Replace("172.17.", "10.231.", StringComparison.Ordinal) },
    };

    public Task<ContainerNetworkSettings> AttachAsync(string containerId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("attach " + containerId);
        if (FailAttach)
        {
            throw new InvalidOperationException("veth refused");
        }

        var settings = new ContainerNetworkSettings
        {
            NetworkName = "bridge",
            NetworkId = new string('b', 64),
            IPAddress = $"172.17.0.{Interlocked.Increment(ref _next)}",
            PrefixLength = 16,
            Gateway = "172.17.0.1",
            SandboxKey = "/run/netns/portal-" + containerId[..12],
        };
        Attached[containerId] = settings;
        Namespaces[containerId] = true;
        return Task.FromResult(settings);
    }

    public Task PublishAsync(string containerId, ContainerNetworkSettings settings, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken)
    {
        Calls.Enqueue("publish " + containerId);
        Published[containerId] = ports;
        return Task.CompletedTask;
    }

    public Task DetachAsync(string containerId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("detach " + containerId);
        Attached.TryRemove(containerId, out _);
        Published.TryRemove(containerId, out _);
        Namespaces.TryRemove(containerId, out _);
        foreach (var key in Connected.Keys.Where(k => k.ContainerId == containerId))
        {
            Connected.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task RestoreAsync(IReadOnlyList<RunningEndpoint> running, CancellationToken cancellationToken)
    {
        Restored = [.. running];
        foreach (var endpoint in running)
        {
            Attached[endpoint.ContainerId] = endpoint.Settings;
            Published[endpoint.ContainerId] = endpoint.Ports;
            Namespaces[endpoint.ContainerId] = true;
            foreach (var other in endpoint.Others)
            {
                Connected[(endpoint.ContainerId, other.NetworkName)] = other;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>What a restarted engine's network knows before restore: nothing.</summary>
    public void Forget()
    {
        Attached.Clear();
        Published.Clear();
        Connected.Clear();
        Namespaces.Clear();
        Restored = null;
    }
}
