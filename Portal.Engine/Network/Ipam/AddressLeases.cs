using System.Net;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Ipam;

/// <summary>
/// The leases of one network's subnet. Not thread-safe: the owning store serialises access.
/// </summary>
// Allocation rolls forward from the last address handed out and wraps, as Docker's allocator does, rather
// than taking the lowest free address: a just-released address stays unused as long as possible, so peers'
// ARP caches and conntrack entries (published ports) for the old container age out before another gets it.
internal sealed class AddressLeases
{
    private readonly Dictionary<string, uint> _byContainer = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, string> _byAddress = [];
    private readonly Ipv4Cidr _subnet;
    private readonly uint _gateway;
    private readonly string _networkName;

    public AddressLeases(string networkName, Ipv4Cidr subnet, IPAddress gateway)
    {
        _networkName = networkName;
        _subnet = subnet;
        _gateway = Ipv4.ToUInt32(gateway);
        Next = subnet.FirstHostBits;
    }

    /// <summary>Where the next search starts.</summary>
    public uint Next { get; set; }

    public int Count => _byContainer.Count;

    public IEnumerable<KeyValuePair<string, uint>> All => _byContainer;

    /// <summary>Addresses a container can get: the host range without the gateway.</summary>
    public long Capacity => _subnet.LastHostBits - _subnet.FirstHostBits + 1 - (IsHost(_gateway) ? 1 : 0);

    public uint? Find(string containerId) => _byContainer.TryGetValue(containerId, out var a) ? a : null;

    /// <summary>Records a lease read back from disk (no checks beyond duplicates: the file is the truth).</summary>
    public bool Restore(string containerId, uint address)
    {
        if (_byAddress.ContainsKey(address) || _byContainer.ContainsKey(containerId) || !IsHost(address))
        {
            return false;
        }

        Add(containerId, address);
        return true;
    }

    /// <summary>
    /// The container's address: its existing lease (when <paramref name="requested"/> is absent or the same),
    /// the requested one, or the next free one.
    /// </summary>
    public uint Allocate(string containerId, IPAddress? requested)
    {
        var wanted = requested is null ? (uint?)null : CheckRequested(requested);
        if (_byContainer.TryGetValue(containerId, out var existing))
        {
            if (wanted is { } w && w != existing)
            {
                throw new ConflictException(
                    $"container {Short(containerId)} already has address {Ipv4.FromUInt32(existing)} in network {_networkName}");
            }

            return existing;
        }

        if (wanted is { } address)
        {
            if (_byAddress.TryGetValue(address, out var holder))
            {
                throw new ConflictException(
                    $"address {requested} is already in use in network {_networkName} by container {Short(holder)}");
            }

            Add(containerId, address);
            return address;
        }

        if (Count >= Capacity)
        {
            throw new ConflictException(
                $"no available IPv4 addresses in network {_networkName} ({_subnet}): all {Capacity} addresses are leased");
        }

        var candidate = IsHost(Next) ? Next : _subnet.FirstHostBits;
        while (candidate == _gateway || _byAddress.ContainsKey(candidate))
        {
            candidate = candidate == _subnet.LastHostBits ? _subnet.FirstHostBits : candidate + 1;
        }

        Add(containerId, candidate);
        Next = candidate == _subnet.LastHostBits ? _subnet.FirstHostBits : candidate + 1;
        return candidate;
    }

    public uint? Release(string containerId)
    {
        if (!_byContainer.Remove(containerId, out var address))
        {
            return null;
        }

        _byAddress.Remove(address);
        return address;
    }

    private uint CheckRequested(IPAddress requested)
    {
        var address = Ipv4.ToUInt32(requested, "requested address");
        if (!_subnet.Contains(address))
        {
            throw new InvalidArgumentException(
                $"requested address {requested} is outside the subnet {_subnet} of network {_networkName}");
        }

        if (address == _gateway)
        {
            throw new InvalidArgumentException(
                $"requested address {requested} is the gateway of network {_networkName}");
        }

        if (!IsHost(address))
        {
            throw new InvalidArgumentException(
                $"requested address {requested} is the {(address == _subnet.First ? "network" : "broadcast")} address of {_subnet} (network {_networkName})");
        }

        return address;
    }

    private bool IsHost(uint address) => address >= _subnet.FirstHostBits && address <= _subnet.LastHostBits;

    private void Add(string containerId, uint address)
    {
        _byContainer.Add(containerId, address);
        _byAddress.Add(address, containerId);
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
