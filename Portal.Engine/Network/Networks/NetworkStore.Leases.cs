using System.Net;
using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Network.Networks;

public sealed partial class NetworkStore
{
    public NetworkLease Allocate(string network, string containerId, IPAddress? requested = null)
    {
        if (string.IsNullOrEmpty(containerId))
        {
            throw new InvalidArgumentException("a lease needs a container id");
        }

        lock (_lock)
        {
            var state = ResolveOrThrow(network);
            var leases = state.Leases ?? throw new InvalidArgumentException(
                $"network {state.Definition.Name} ({state.Definition.Driver.ToString().ToLowerInvariant()} driver) does not assign addresses");
            if (leases.Find(containerId) is { } held && (requested is null || Ipv4.ToUInt32(requested, "requested address") == held))
            {
                return LeaseOf(state, containerId, held);
            }

            var next = leases.Next;
            var address = leases.Allocate(containerId, requested);
            Persist(state, undo: () =>
            {
                leases.Release(containerId);
                leases.Next = next;
            });
            return LeaseOf(state, containerId, address);
        }
    }

    public NetworkLease? Release(string network, string containerId)
    {
        lock (_lock)
        {
            var state = Resolve(network);
            return state is null ? null : ReleaseIn(state, containerId);
        }
    }

    public IReadOnlyList<NetworkLease> ReleaseAll(string containerId)
    {
        lock (_lock)
        {
            return [.. _networks.Values.Select(n => ReleaseIn(n, containerId)).OfType<NetworkLease>()];
        }
    }

    public IReadOnlyList<NetworkLease> Leases(string? network = null)
    {
        lock (_lock)
        {
            IEnumerable<NetworkState> states = network is null ? _networks.Values : [ResolveOrThrow(network)];
            return [.. states.SelectMany(AllLeases).OrderBy(l => l.NetworkName, StringComparer.Ordinal).ThenBy(l => Ipv4.ToUInt32(l.Address))];
        }
    }

    public IReadOnlyList<NetworkLease> LeasesOf(string containerId)
    {
        lock (_lock)
        {
            return
            [
                .. _networks.Values
                    .Select(n => n.Leases?.Find(containerId) is { } a ? LeaseOf(n, containerId, a) : null)
                    .OfType<NetworkLease>(),
            ];
        }
    }

    public IReadOnlyList<NetworkLease> Reconcile(IReadOnlySet<string> liveContainerIds)
    {
        ArgumentNullException.ThrowIfNull(liveContainerIds);
        lock (_lock)
        {
            var dropped = new List<NetworkLease>();
            foreach (var state in _networks.Values.Where(n => n.LeaseCount > 0))
            {
                var stale = AllLeases(state).Where(l => !liveContainerIds.Contains(l.ContainerId)).ToList();
                if (stale.Count == 0)
                {
                    continue;
                }

                foreach (var lease in stale)
                {
                    state.Leases!.Release(lease.ContainerId);
                }

                Persist(state, undo: () =>
                {
                    foreach (var lease in stale)
                    {
                        state.Leases!.Restore(lease.ContainerId, Ipv4.ToUInt32(lease.Address));
                    }
                });
                dropped.AddRange(stale);
            }

            return dropped;
        }
    }

    private NetworkLease? ReleaseIn(NetworkState state, string containerId)
    {
        if (state.Leases?.Release(containerId) is not { } address)
        {
            return null;
        }

        Persist(state, undo: () => state.Leases.Restore(containerId, address));
        return LeaseOf(state, containerId, address);
    }

    private static IEnumerable<NetworkLease> AllLeases(NetworkState state) =>
        state.Leases is null ? [] : state.Leases.All.Select(l => LeaseOf(state, l.Key, l.Value)).ToList();

    private static NetworkLease LeaseOf(NetworkState state, string containerId, uint address) =>
        new(state.Definition.Id, state.Definition.Name, containerId, Ipv4.FromUInt32(address));

    /// <summary>Writes the network's file; if that fails the in-memory change is undone and the error rethrown.</summary>
    private void Persist(NetworkState state, Action undo)
    {
        try
        {
            WriteFile(state);
        }
        catch
        {
            undo();
            throw;
        }
    }
}
