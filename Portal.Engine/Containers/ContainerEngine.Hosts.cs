using Portal.Engine.Network;

namespace Portal.Engine.Containers;

public sealed partial class ContainerEngine
{
    /// <summary>
    /// The other running containers on the same user-defined network, by name and hostname. Like Docker, the
    /// default bridge gives no name resolution between containers.
    /// </summary>
    private List<HostsEntry> PeersOn(ContainerNetworkSettings network, string exceptId, string? leavingId = null)
    {
        var peers = new List<HostsEntry>();
        if (network.NetworkName == NetworkModes.Bridge)
        {
            return peers;
        }

        foreach (var entry in _containers.Values)
        {
            lock (entry)
            {
                var record = entry.Record;
                if (record.Id != exceptId && record.Id != leavingId && record.State.Status == ContainerStatus.Running
                    && record.NetworkSettings is { } settings && settings.NetworkId == network.NetworkId)
                {
                    peers.Add(new HostsEntry(settings.IPAddress, [.. new[] { record.Name, record.Config.Hostname }.Distinct(StringComparer.Ordinal)]));
                }
            }
        }

        return [.. peers.OrderBy(p => p.Names[0], StringComparer.Ordinal)];
    }

    /// <summary>
    /// Rewrites the hosts file of every other running container on <paramref name="network"/> after
    /// <paramref name="changedId"/> joined or left it. In place: the file is bind-mounted, a rename would leave the
    /// container reading the old inode.
    /// </summary>
    /// <param name="left">True when <paramref name="changedId"/> left the network (its state may still read running).</param>
    private void RefreshPeerHosts(ContainerNetworkSettings? network, string changedId, bool left)
    {
        if (network is null || network.NetworkName == NetworkModes.Bridge)
        {
            return;
        }

        foreach (var entry in _containers.Values)
        {
            string id, hostname, address;
            lock (entry)
            {
                var record = entry.Record;
                if (record.Id == changedId || record.State.Status != ContainerStatus.Running
                    || record.NetworkSettings is not { } settings || settings.NetworkId != network.NetworkId)
                {
                    continue;
                }

                (id, hostname, address) = (record.Id, record.Config.Hostname, settings.IPAddress);
            }

            try
            {
                EtcFiles.RewriteHosts(_store.PathOf(id), hostname, address, PeersOn(network, id, left ? changedId : null));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                EngineLog.CleanupFailed(_logger, id, ex);
            }
        }
    }
}
