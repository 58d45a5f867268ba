using Portal.Engine.Network;

namespace Portal.Engine.Containers;

public sealed partial class ContainerEngine
{
    /// <summary>A record's live endpoints: the first network's, then the others.</summary>
    private static List<ContainerNetworkSettings> LiveEndpoints(ContainerRecord record) =>
        record.NetworkSettings is { } first ? [first, .. record.AdditionalNetworkSettings] : [.. record.AdditionalNetworkSettings];

    /// <summary>
    /// The other running containers on the user-defined networks of <paramref name="own"/>, by name, hostname and the
    /// aliases of their endpoint there. Like Docker, the default bridge gives no name resolution between containers.
    /// </summary>
    private List<HostsEntry> PeersOn(IReadOnlyCollection<ContainerNetworkSettings> own, string exceptId, string? leavingId = null)
    {
        var networks = own.Where(e => e.NetworkName != NetworkModes.Bridge).Select(e => e.NetworkId).ToHashSet(StringComparer.Ordinal);
        var peers = new List<HostsEntry>();
        if (networks.Count == 0)
        {
            return peers;
        }

        foreach (var entry in _containers.Values)
        {
            lock (entry)
            {
                var record = entry.Record;
                if (record.Id == exceptId || record.Id == leavingId || record.State.Status != ContainerStatus.Running)
                {
                    continue;
                }

                foreach (var endpoint in LiveEndpoints(record).Where(e => networks.Contains(e.NetworkId)))
                {
                    peers.Add(new HostsEntry(endpoint.IPAddress, [.. new[] { record.Name, record.Config.Hostname }.Concat(endpoint.Aliases).Distinct(StringComparer.Ordinal)]));
                }
            }
        }

        return [.. peers.OrderBy(p => p.Names[0], StringComparer.Ordinal).ThenBy(p => p.Address, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Rewrites the hosts file of every other running container on the user networks of <paramref name="networks"/>
    /// after <paramref name="changedId"/> joined or left them. In place: the file is bind-mounted, a rename would leave the
    /// container reading the old inode.
    /// </summary>
    /// <param name="left">True when <paramref name="changedId"/> left the networks (its state may still read running).</param>
    private void RefreshPeerHosts(IReadOnlyCollection<ContainerNetworkSettings> networks, string changedId, bool left)
    {
        var ids = networks.Where(e => e.NetworkName != NetworkModes.Bridge).Select(e => e.NetworkId).ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var entry in _containers.Values)
        {
            bool onNetwork;
            lock (entry)
            {
                var record = entry.Record;
                onNetwork = record.Id != changedId && record.State.Status == ContainerStatus.Running
                    && LiveEndpoints(record).Any(e => ids.Contains(e.NetworkId));
            }

            if (onNetwork)
            {
                RewriteHosts(entry, left ? changedId : null);
            }
        }
    }

    /// <summary>The container's own hosts file from its current endpoints and peers; a failure is logged.</summary>
    private void RewriteHosts(ContainerEntry entry, string? leavingId = null)
    {
        string id, hostname;
        List<ContainerNetworkSettings> endpoints;
        lock (entry)
        {
            (id, hostname, endpoints) = (entry.Record.Id, entry.Record.Config.Hostname, LiveEndpoints(entry.Record));
        }

        try
        {
            EtcFiles.RewriteHosts(_store.PathOf(id), hostname, endpoints.FirstOrDefault()?.IPAddress ?? "", PeersOn(endpoints, id, leavingId));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            EngineLog.CleanupFailed(_logger, id, ex);
        }
    }
}
