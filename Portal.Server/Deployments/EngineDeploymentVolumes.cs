using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Volumes;

namespace Portal.Server.Deployments;

/// <summary>Deployment volumes as the engine's named volumes, labelled with the deployment id.</summary>
public sealed class EngineDeploymentVolumes(IVolumeService engine) : IDeploymentVolumes
{
    public Task EnsureAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        engine.CreateVolumeAsync(new VolumeCreateRequest { Name = name, Labels = labels }, cancellationToken);

    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await engine.RemoveVolumeAsync(name, force: false, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
        }
    }

    public async Task<IReadOnlyList<(string Name, Guid Deployment)>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await engine.ListVolumesAsync(cancellationToken).ConfigureAwait(false))
            .Select(v => (v.Name, Id: v.Labels.TryGetValue(DeploymentLabels.Deployment, out var id) && Guid.TryParse(id, out var g) ? g : Guid.Empty))
            .Where(v => v.Id != Guid.Empty)];

    public ContainerCreateRequest Attach(ContainerCreateRequest request, IReadOnlyList<VolumeAttachment> volumes) =>
        volumes.Count == 0
            ? request
            : request with { Volumes = [.. request.Volumes, .. volumes.Select(a => new VolumeMount(a.Name, a.Target, a.ReadOnly))] };
}
