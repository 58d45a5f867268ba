namespace Portal.Engine.Containers;

/// <summary>The network modes a container can ask for.</summary>
public static class NetworkModes
{
    public const string Bridge = "bridge";
    public const string None = "none";
    public const string Default = "default";

    /// <summary>
    /// The mode a request gets: "default" (or nothing) is the bridge, as Docker, in an engine that has
    /// container networking; an engine built without it (the start benchmark, some tests) keeps such a
    /// container loopback-only.
    /// </summary>
    public static string Resolve(string? requested, bool bridgeAvailable) =>
        requested is null or "" or Default
            ? bridgeAvailable ? Bridge : Default
            : requested;

    public const string Host = "host";

    /// <summary>The default bridge or a user-defined network (any name that is not a special mode).</summary>
    public static bool UsesBridge(string? mode) =>
        mode is not (null or "" or None or Default or Host) && !mode.StartsWith("container:", StringComparison.Ordinal);

    public static bool IsUserNetwork(string? mode) => UsesBridge(mode) && mode != Bridge;

    /// <summary>The networks of a record: its own list, or for records written before several networks, the one of its mode.</summary>
    public static IReadOnlyList<ContainerEndpointConfig> EndpointsOf(ContainerRecord record) =>
        record.Networks ?? (UsesBridge(record.NetworkMode) ? [new ContainerEndpointConfig { NetworkName = record.NetworkMode! }] : []);
}
