using Microsoft.Extensions.Logging;
using Portal.Engine.Errors;

namespace Portal.Engine.Containers;

public sealed partial class ContainerEngine
{
    public async Task<ContainerDetails> CreateAsync(ContainerCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ContainerRequestValidator.Validate(request, Environment.ProcessorCount);
        var image = await _images.InspectAsync(request.Image, cancellationToken).ConfigureAwait(false);

        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var name = request.Name ?? NameGenerator.Next(n => _containers.Values.Any(c => c.Record.Name == n));
            if (_containers.Values.FirstOrDefault(c => c.Record.Name == name) is { } holder)
            {
                throw new ConflictException(
                    $"Conflict. The container name \"/{name}\" is already in use by container \"{holder.Record.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
            }

            var id = NewId();
            var (config, args) = ContainerConfigMerger.Merge(image, request, id);
            var ports = request.PublishAllPorts ? PortSpecs.PublishAll(config.ExposedPorts, request.PortBindings) : request.PortBindings;
            var networkMode = NetworkModes.Resolve(request.NetworkMode, _network is not null || ports.Count > 0);
            if (NetworkModes.IsUserNetwork(networkMode))
            {
                networkMode = Network.ResolveNetwork(networkMode);
            }

            var endpoints = EndpointsAtCreate(networkMode, request.NetworkMode, request.Networks);
            if (NetworkModes.UsesBridge(networkMode))
            {
                // Chosen host ports are kept for the container's life, so a stopped container's ports count too.
                var held = _containers.Values.SelectMany(c => c.Record.PortBindings).ToList();
                ports = await Network.ReservePortsAsync(id, networkMode, ports, held, cancellationToken).ConfigureAwait(false);
            }

            var createdVolumes = new List<string>();
            var mounts = PrepareMounts(image.Config, request, createdVolumes);
            var record = new ContainerRecord
            {
                Id = id,
                Name = name,
                Created = _time.GetUtcNow(),
                ImageId = image.Id,
                Config = config,
                Args = args,
                Resources = WithDefaultSwap(request.Resources),
                RestartPolicy = request.RestartPolicy,
                AutoRemove = request.AutoRemove,
                NetworkMode = networkMode,
                PortBindings = ports,
                Networks = endpoints,
                Mounts = mounts,
                CapAdd = request.CapAdd,
                CapDrop = request.CapDrop,
                ReadonlyRootfs = request.ReadonlyRootfs,
                Tmpfs = ContainerRequestValidator.ValidateTmpfs(request.Tmpfs),
            };

            try
            {
                // The overlay dirs exist before the record does, so startup never meets a record without them.
                _snapshotter.Prepare(_store.PathOf(id), _images.GetLayerDirectories(image.Id));
                _store.Save(record);
                // An attach made before start opens the log at once and keeps reading it through its open handle
                // even when --rm deletes the container before the reader wakes; a log first created by the shim
                // could be created and deleted between two polls, and docker run would print nothing.
                File.WriteAllBytes(_store.LogPathOf(id), []);
            }
            catch
            {
                _store.Delete(id);
                createdVolumes.ForEach(DeleteVolume);
                throw;
            }

            var entry = new ContainerEntry(record);
            _containers[id] = entry;
            EngineLog.Created(_logger, id, name, request.Image);
            Publish(entry, "create");
            return ToDetails(entry);
        }
        finally
        {
            _createGate.Release();
        }
    }

    /// <summary>Docker's default: with a memory limit and no swap limit, memory plus swap is twice the memory.</summary>
    internal static Cgroups.ResourceLimits WithDefaultSwap(Cgroups.ResourceLimits limits) =>
        limits.MemoryBytes is > 0 && limits.MemorySwapBytes is null or 0
            ? limits with { MemorySwapBytes = limits.MemoryBytes * 2 }
            : limits;
}
