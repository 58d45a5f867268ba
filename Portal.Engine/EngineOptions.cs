namespace Portal.Engine;

/// <summary>Where the engine keeps its state and how it runs containers.</summary>
public sealed class EngineOptions
{
    /// <summary>Root of the engine's store: blobs/, layers/, containers/ (Portal: &lt;DataDirectory&gt;/engine).</summary>
    public string RootDirectory { get; set; } = "data/engine";

    /// <summary>Path of the NativeAOT portal-init helper.</summary>
    public string InitPath { get; set; } = "";

    /// <summary>Parent cgroup of every container cgroup.</summary>
    public string CgroupParent { get; set; } = "portal";

    public long LogMaxBytes { get; set; } = 10 * 1024 * 1024;
    public int LogMaxFiles { get; set; } = 3;

    /// <summary>Caps on an image import: total uncompressed bytes, entries per layer, JSON document size.</summary>
    public long ImportMaxBytes { get; set; } = 8L * 1024 * 1024 * 1024;
    public long ImportMaxEntries { get; set; } = 1_000_000;
    public int ImportMaxJsonBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The host resolver configuration containers' /etc/resolv.conf is derived from.</summary>
    public string HostResolvConfPath { get; set; } = "/etc/resolv.conf";
}
