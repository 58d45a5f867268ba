using System.Net;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Network.Networks;

/// <summary>Network definitions and their address leases. Every member is thread-safe and persists before returning.</summary>
public interface INetworkStore
{
    /// <summary>The predefined "bridge" network.</summary>
    NetworkDefinition Default { get; }

    /// <summary>Creates a bridge network; bad input → InvalidArgumentException, name or subnet clash → ConflictException.</summary>
    NetworkDefinition Create(NetworkCreateRequest request);

    /// <summary>By full id, then exact name, then unique id prefix; NotFoundException when nothing matches.</summary>
    NetworkDefinition Get(string idOrName);

    NetworkDefinition? Find(string idOrName);

    /// <summary>Every network, predefined first, then by creation time.</summary>
    IReadOnlyList<NetworkDefinition> List();

    /// <summary>Removes a user network and returns what it was; ForbiddenException for predefined ones and while leases exist (Docker: 403).</summary>
    NetworkDefinition Remove(string idOrName);

    /// <summary>
    /// Leases an address in <paramref name="network"/> for the container: the requested one when given, else the
    /// next free one. Idempotent: a container that already holds a lease there gets it back.
    /// </summary>
    NetworkLease Allocate(string network, string containerId, IPAddress? requested = null);

    /// <summary>Releases the container's lease in <paramref name="network"/>; null when it had none (or the network is gone).</summary>
    NetworkLease? Release(string network, string containerId);

    /// <summary>Releases the container's leases in every network (container removal).</summary>
    IReadOnlyList<NetworkLease> ReleaseAll(string containerId);

    /// <summary>Leases of one network, or of all networks when <paramref name="network"/> is null.</summary>
    IReadOnlyList<NetworkLease> Leases(string? network = null);

    IReadOnlyList<NetworkLease> LeasesOf(string containerId);

    /// <summary>Startup: drops every lease whose container is not in <paramref name="liveContainerIds"/> and returns them.</summary>
    IReadOnlyList<NetworkLease> Reconcile(IReadOnlySet<string> liveContainerIds);
}
