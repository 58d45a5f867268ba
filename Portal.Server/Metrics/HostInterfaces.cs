namespace Portal.Server.Metrics;

/// <summary>
/// Which host interfaces count towards host network traffic. Container traffic crosses a veth and a bridge on
/// its way to the physical interface, so counting Portal's plumbing would count each packet two or three times;
/// loopback is the host talking to itself.
/// </summary>
public static class HostInterfaces
{
    private static readonly string[] ExcludedPrefixes =
    [
        "pv",  // host end of a container's veth (ContainerNetwork.HostVethName)
        "pt-", // user network bridges (NetworkStore.BridgeNameFor)
    ];

    private static readonly string[] ExcludedNames = ["lo", "portal0"];

    public static bool IsCounted(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return !ExcludedNames.Contains(name, StringComparer.Ordinal)
            && !ExcludedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }
}
