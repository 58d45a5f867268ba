namespace Portal.Engine.Spec;

/// <summary>
/// Everything portal-init needs to run one container. The engine writes it as runtime.json in the
/// container's directory; stage1 and stage2 read it. Paths are host paths unless said otherwise.
/// </summary>
public sealed record RuntimeSpec
{
    public required string Id { get; init; }
    /// <summary>Directory the root filesystem is mounted on (inside stage2's own mount namespace).</summary>
    public required string RootfsDir { get; init; }
    /// <summary>Mounts that build the root filesystem on <see cref="RootfsDir"/>, in order.</summary>
    public required IReadOnlyList<MountSpec> RootfsMounts { get; init; }
    public required ProcessSpec Process { get; init; }
    public string Hostname { get; init; } = "";
    /// <summary>cgroup.procs files (one per v1 hierarchy, one on v2) stage1 joins before anything else runs.</summary>
    public IReadOnlyList<string> CgroupProcsFiles { get; init; } = [];
    public required LogSpec Log { get; init; }
    /// <summary>Directory where the shim records its state and the exit of PID 1.</summary>
    public required string StateDir { get; init; }
    public IReadOnlyList<string> MaskedPaths { get; init; } = [];
    public IReadOnlyList<string> ReadonlyPaths { get; init; } = [];
    /// <summary>A network namespace file (/run/netns/…) the engine prepared; null = a new namespace with only lo.</summary>
    public string? NetworkNamespacePath { get; init; }
    /// <summary>Files the engine generated (/etc/hostname, /etc/hosts, /etc/resolv.conf), bound after the rootfs mounts.</summary>
    public IReadOnlyList<FileBindSpec> EtcFiles { get; init; } = [];
    /// <summary>Volumes bound after the rootfs mounts and before the engine's /etc files, parents before children.</summary>
    public IReadOnlyList<VolumeBindSpec> Volumes { get; init; } = [];
    /// <summary>tmpfs mounts, ordered with <see cref="Volumes"/> by depth (parents first).</summary>
    public IReadOnlyList<TmpfsSpec> Tmpfs { get; init; } = [];
    /// <summary>The root mount is remounted read-only once everything is mounted and the working directory exists.</summary>
    public bool ReadonlyRootfs { get; init; }
}
