namespace Portal.Engine.Containers;

/// <summary>
/// A published port as requested: <see cref="HostIp"/>:<see cref="HostPort"/> on the host forwards to
/// <see cref="ContainerPort"/>/<see cref="Protocol"/> in the container. <see cref="HostIp"/> "" means every address.
/// </summary>
public sealed record PortBinding(int ContainerPort, string Protocol, string HostIp, int HostPort)
{
    /// <summary>Docker's key, e.g. "8080/tcp".</summary>
    public string ContainerKey => $"{ContainerPort}/{Protocol}";
}
