using Portal.Engine.Spec;

namespace Portal.Engine.Snapshots;

/// <summary>
/// Prepares a writable root filesystem for one container from read-only layer directories and
/// describes it as mounts; it mounts nothing itself (stage2 does, in the container's mount namespace).
/// </summary>
public interface ISnapshotter
{
    /// <summary>Creates the container's upper and work directories under <paramref name="containerDirectory"/>
    /// and returns the mounts that build its root from <paramref name="lowerDirectories"/> (lowest first).</summary>
    IReadOnlyList<MountSpec> Prepare(string containerDirectory, IReadOnlyList<string> lowerDirectories);

    /// <summary>Bytes written by the container (size of its upper directory).</summary>
    long GetWritableSize(string containerDirectory);
}
