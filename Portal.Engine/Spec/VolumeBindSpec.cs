namespace Portal.Engine.Spec;

/// <summary>
/// A volume's data directory (<paramref name="HostPath"/>) bind-mounted onto <paramref name="ContainerPath"/>
/// after the rootfs mounts. <paramref name="CopyUp"/>: when the volume is empty, the rootfs content at the
/// destination is copied into it first (Docker's behaviour unless the mount says nocopy).
/// </summary>
public sealed record VolumeBindSpec(string HostPath, string ContainerPath, bool ReadOnly, bool CopyUp);
