namespace Portal.Engine.Volumes;

/// <summary>Named volumes: directories that outlive containers. Names follow <see cref="VolumeNames"/>.</summary>
public interface IVolumeService
{
    /// <summary>Idempotent: an existing name returns the existing volume unchanged. InvalidArgumentException for a bad name.</summary>
    Task<VolumeDetails> CreateVolumeAsync(VolumeCreateRequest request, CancellationToken cancellationToken = default);

    /// <summary>NotFoundException when absent.</summary>
    Task<VolumeDetails> InspectVolumeAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<VolumeDetails>> ListVolumesAsync(CancellationToken cancellationToken = default);

    /// <summary>ConflictException while any container uses it (forced or not); NotFoundException when absent unless forced.</summary>
    Task RemoveVolumeAsync(string name, bool force, CancellationToken cancellationToken = default);

    /// <summary>Removes unused volumes: only anonymous ones unless <paramref name="all"/>; <paramref name="keep"/> may veto any.</summary>
    Task<VolumePruneResult> PruneVolumesAsync(bool all, Func<VolumeDetails, bool>? keep = null, CancellationToken cancellationToken = default);

    /// <summary>`docker rm -v`: removes those of <paramref name="names"/> that are anonymous and no longer used; others stay.</summary>
    Task RemoveAnonymousVolumesAsync(IEnumerable<string> names, CancellationToken cancellationToken = default);
}
