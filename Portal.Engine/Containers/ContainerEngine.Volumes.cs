using Portal.Engine.Errors;
using Portal.Engine.Images;
using Portal.Engine.Spec;
using Portal.Engine.Volumes;

namespace Portal.Engine.Containers;

/// <summary>
/// Volumes live beside containers because whether one may be removed depends on the containers that mount it;
/// creates, removals and container creates share <see cref="_createGate"/>, so a volume cannot disappear between
/// the in-use check and a new container taking it.
/// </summary>
public sealed partial class ContainerEngine : IVolumeService
{
    private VolumeStore? _volumeStore;

    private VolumeStore VolumeStore => LazyInitializer.EnsureInitialized(ref _volumeStore, () => new VolumeStore(_options.RootDirectory));

    public async Task<VolumeDetails> CreateVolumeAsync(VolumeCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name is { Length: > 0 } given ? VolumeNames.Validate(given, "Name") : VolumeNames.NewAnonymous();
        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return DetailsOf(CreateVolume(name, request.Labels, anonymous: false));
        }
        finally
        {
            _createGate.Release();
        }
    }

    public Task<VolumeDetails> InspectVolumeAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(DetailsOf(VolumeStore.Get(name) ?? throw NoSuchVolume(name)));

    public Task<IReadOnlyList<VolumeDetails>> ListVolumesAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<VolumeDetails> list = [.. VolumeStore.List().Select(DetailsOf).OrderBy(v => v.Name, StringComparer.Ordinal)];
        return Task.FromResult(list);
    }

    public async Task RemoveVolumeAsync(string name, bool force, CancellationToken cancellationToken = default)
    {
        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (VolumeStore.Get(name) is null)
            {
                // As Docker's local driver: force only hides a missing volume, it never removes one in use.
                if (force)
                {
                    return;
                }

                throw NoSuchVolume(name);
            }

            var users = UsersOf(name);
            if (users.Count > 0)
            {
                throw new ConflictException($"remove {name}: volume is in use - [{string.Join(", ", users)}]");
            }

            DeleteVolume(name);
        }
        finally
        {
            _createGate.Release();
        }
    }

    public async Task<VolumePruneResult> PruneVolumesAsync(bool all, Func<VolumeDetails, bool>? keep = null, CancellationToken cancellationToken = default)
    {
        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = new List<string>();
            long reclaimed = 0;
            foreach (var volume in VolumeStore.List().Select(DetailsOf))
            {
                if (volume.UsedBy.Count > 0 || (!all && !volume.Anonymous) || keep?.Invoke(volume) == true)
                {
                    continue;
                }

                reclaimed += VolumeStore.SizeOf(volume.Name);
                DeleteVolume(volume.Name);
                deleted.Add(volume.Name);
            }

            return new VolumePruneResult(deleted, reclaimed);
        }
        finally
        {
            _createGate.Release();
        }
    }

    public async Task RemoveAnonymousVolumesAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                if (VolumeStore.Get(name) is { Anonymous: true } && UsersOf(name).Count == 0)
                {
                    DeleteVolume(name);
                }
            }
        }
        finally
        {
            _createGate.Release();
        }
    }

    /// <summary>
    /// Under the create gate: the request's mounts plus an anonymous volume for each image VOLUME it does not cover,
    /// creating the volumes that do not exist yet. <paramref name="createdAnonymous"/> lists what a failed create must undo.
    /// </summary>
    private List<MountPoint> PrepareMounts(ImageConfig image, ContainerCreateRequest request, List<string> createdAnonymous)
    {
        var mounts = new List<MountPoint>();
        // A tmpfs takes its path as a volume would: an image VOLUME there gets no anonymous volume (Docker's HasMountFor).
        var destinations = new HashSet<string>(request.Tmpfs.Keys.Select(t => MountPaths.Clean(t, "HostConfig.Tmpfs")), StringComparer.Ordinal);
        foreach (var volume in request.Volumes)
        {
            var destination = MountPaths.Clean(volume.Destination, "mount destination");
            if (!destinations.Add(destination))
            {
                throw new InvalidArgumentException($"Duplicate mount point: {destination}");
            }

            var anonymous = volume.Name is null;
            var name = anonymous ? VolumeNames.NewAnonymous() : VolumeNames.Validate(volume.Name, $"mount {destination}: volume name");
            mounts.Add(new MountPoint { Name = name, Destination = destination, ReadOnly = volume.ReadOnly, NoCopy = volume.NoCopy, Anonymous = anonymous });
        }

        foreach (var path in image.Volumes)
        {
            var destination = MountPaths.Clean(path, "image config Volumes");
            if (destinations.Add(destination))
            {
                mounts.Add(new MountPoint { Name = VolumeNames.NewAnonymous(), Destination = destination, Anonymous = true });
            }
        }

        foreach (var mount in mounts)
        {
            CreateVolume(mount.Name, new Dictionary<string, string>(), mount.Anonymous);
            if (mount.Anonymous)
            {
                createdAnonymous.Add(mount.Name);
            }
        }

        return mounts;
    }

    private List<VolumeBindSpec> VolumeBinds(ContainerRecord record)
    {
        var binds = new List<VolumeBindSpec>();
        foreach (var mount in record.Mounts)
        {
            var data = VolumeStore.DataPathOf(mount.Name);
            if (!Directory.Exists(data))
            {
                throw new InvalidArgumentException($"volume {mount.Name} mounted at {mount.Destination} no longer exists ({data})");
            }

            binds.Add(new VolumeBindSpec(data, mount.Destination, mount.ReadOnly, CopyUp: !mount.NoCopy));
        }

        return binds;
    }

    private IReadOnlyList<MountPoint> MountsWithSources(ContainerRecord record) =>
        [.. record.Mounts.Select(m => m with { Source = VolumeStore.DataPathOf(m.Name) })];

    private VolumeRecord CreateVolume(string name, IReadOnlyDictionary<string, string> labels, bool anonymous)
    {
        var (record, created) = VolumeStore.Create(name, labels, anonymous, _time.GetUtcNow());
        if (created)
        {
            _events.Publish("volume", "create", name, new Dictionary<string, string> { ["driver"] = VolumeStore.LocalDriver });
        }

        return record;
    }

    private void DeleteVolume(string name)
    {
        if (VolumeStore.Delete(name))
        {
            _events.Publish("volume", "destroy", name, new Dictionary<string, string> { ["driver"] = VolumeStore.LocalDriver });
        }
    }

    private List<string> UsersOf(string name) =>
        [.. _containers.Values.Where(c => c.Record.Mounts.Any(m => m.Name == name)).Select(c => c.Record.Id).Order(StringComparer.Ordinal)];

    private VolumeDetails DetailsOf(VolumeRecord record) => new()
    {
        Name = record.Name,
        Driver = record.Driver,
        Mountpoint = VolumeStore.DataPathOf(record.Name),
        CreatedAt = record.CreatedAt,
        Labels = record.Labels,
        Anonymous = record.Anonymous,
        UsedBy = UsersOf(record.Name),
    };

    private static NotFoundException NoSuchVolume(string name) => new($"get {name}: no such volume");
}
