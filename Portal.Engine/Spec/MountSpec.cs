namespace Portal.Engine.Spec;

/// <summary>
/// One mount to perform, as a snapshotter describes it (containerd's shape): nothing is mounted by
/// whoever builds it. <paramref name="Target"/> is relative to the container root ("/" = the root itself).
/// <paramref name="WorkingDirectory"/>, when set, is where the mounter chdirs before mounting, so that
/// relative lowerdir names keep long layer chains under the kernel's one-page mount-data limit.
/// </summary>
public sealed record MountSpec(
    string Type,
    string Source,
    string Target,
    IReadOnlyList<string> Options,
    string? WorkingDirectory = null);
