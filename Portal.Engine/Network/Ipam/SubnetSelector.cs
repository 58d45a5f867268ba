using Portal.Engine.Errors;

namespace Portal.Engine.Network.Ipam;

/// <summary>Picks automatic subnets: the first pool subnet that overlaps neither a host route nor a subnet already taken.</summary>
public static class SubnetSelector
{
    public static Ipv4Cidr Select(IEnumerable<AddressPool> pools, IReadOnlyCollection<Ipv4Cidr> taken, IReadOnlyCollection<Ipv4Cidr> hostRoutes)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var poolList = pools.ToList();
        foreach (var pool in poolList)
        {
            foreach (var candidate in pool.Subnets())
            {
                if (!taken.Any(candidate.Overlaps) && !hostRoutes.Any(candidate.Overlaps))
                {
                    return candidate;
                }
            }
        }

        throw new ConflictException(
            $"could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network " +
            $"(pools: {string.Join(", ", poolList)}); give the network a subnet or free one");
    }
}
