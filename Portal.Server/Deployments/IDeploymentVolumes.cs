using Portal.Engine.Containers;

namespace Portal.Server.Deployments;

/// <summary>The engine's named volumes as the deployer uses them.</summary>
public interface IDeploymentVolumes
{
    /// <summary>Creates the volume when missing (idempotent), labelled with the deployment.</summary>
    Task EnsureAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes the volume; nothing when it is absent.</summary>
    Task RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>Names of the volumes labelled with a deployment id.</summary>
    Task<IReadOnlyList<(string Name, Guid Deployment)>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The create request with these volumes mounted.</summary>
    ContainerCreateRequest Attach(ContainerCreateRequest request, IReadOnlyList<VolumeAttachment> volumes);
}
