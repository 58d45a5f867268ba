namespace Portal.Engine.Network.Ipam;

/// <summary>The IPv4 ranges the host already uses (routes and its own addresses), which automatic subnets avoid.</summary>
public interface IHostRoutes
{
    /// <summary>Every IPv4 destination the host routes or owns, except the default route.</summary>
    IReadOnlyList<Ipv4Cidr> Read();
}
