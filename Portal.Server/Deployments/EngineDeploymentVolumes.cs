using Portal.Engine.Containers;

namespace Portal.Server.Deployments;

/// <summary>
/// Volumes for deployments. The engine on this branch has no named volumes yet (branch <c>volumes</c>): an appliance
/// that declares a volume fails with a reason naming it; nothing else is affected.
/// </summary>
public sealed class EngineDeploymentVolumes : IDeploymentVolumes
{
    public Task EnsureAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        throw Unsupported(name);

    public Task RemoveAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<(string Name, Guid Deployment)>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string Name, Guid Deployment)>>([]);

    public ContainerCreateRequest Attach(ContainerCreateRequest request, IReadOnlyList<VolumeAttachment> volumes) =>
        volumes.Count == 0 ? request : throw Unsupported(volumes[0].Name ?? volumes[0].Target);

    private static DeploymentException Unsupported(string volume) =>
        new(DeploymentErrorKind.Failed, $"volume {volume}: this engine has no named volumes yet");
}
