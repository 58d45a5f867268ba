namespace Portal.Engine.Containers;

/// <summary>
/// A published port as requested: <see cref="HostIp"/>:<see cref="HostPort"/> on the host forwards to
/// <see cref="ContainerPort"/>/<see cref="Protocol"/> in the container. <see cref="HostIp"/> "" means every address.
/// In a create request <see cref="HostPort"/> 0 asks for any free port and <see cref="HostPortEnd"/> for one of the
/// range <see cref="HostPort"/>-<see cref="HostPortEnd"/>; the engine stores the port it chose.
/// </summary>
public sealed record PortBinding(int ContainerPort, string Protocol, string HostIp, int HostPort)
{
    /// <summary>Last port of the host range to choose from; 0 when the request names no range.</summary>
    public int HostPortEnd { get; init; }

    /// <summary>Docker's HostPort as the request gave it ("", "0", "9000-9010") when the engine chose the port; null when it was given.</summary>
    public string? RequestedHostPort { get; init; }

    /// <summary>Docker's key, e.g. "8080/tcp".</summary>
    public string ContainerKey => $"{ContainerPort}/{Protocol}";

    /// <summary>The engine picks the host port (any free one, or one of a range).</summary>
    public bool IsHostPortChosen => HostPort == 0 || HostPortEnd != 0;

    /// <summary>Docker's HostPort text for HostConfig.PortBindings: what was asked for.</summary>
    public string RequestedHostPortText => RequestedHostPort
        ?? (HostPortEnd != 0 ? $"{HostPort}-{HostPortEnd}" : HostPort == 0 ? "" : HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
