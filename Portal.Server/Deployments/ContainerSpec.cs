using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Deployments;

/// <summary>The engine container a deployment of one appliance version should have (docs/deployments.md).</summary>
public static class ContainerSpec
{
    public static ContainerCreateRequest Build(Deployment deployment, ApplianceVersion version, ApplianceManifest manifest,
        JsonObject values, DeploymentOptions options, int? preferredHostPort)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        var service = manifest.Service;

        var labels = new Dictionary<string, string>(service.Labels, StringComparer.Ordinal)
        {
            [DeploymentLabels.Deployment] = deployment.Id.ToString(),
            [DeploymentLabels.ApplianceVersion] = version.Id.ToString(CultureInfo.InvariantCulture),
            [DeploymentLabels.Appliance] = manifest.Appliance.Id,
        };
        var ports = service.Ports.Select(p => p.ToString()).ToList();
        var bindings = new List<PortBinding>();
        if (manifest.Appliance.WebUi is { } webUi)
        {
            ports.Add($"{webUi.Port}/tcp");
            bindings.Add(new PortBinding(webUi.Port, "tcp", options.PublishAddress == "0.0.0.0" ? "" : options.PublishAddress, preferredHostPort ?? 0));
        }

        var user = service.User.Length > 0 ? service.User : manifest.Appliance.Security.RunAs;
        return new ContainerCreateRequest
        {
            Name = DeploymentLabels.ContainerName(deployment.Id),
            Image = version.ImageDigest,
            Entrypoint = Render(service.Entrypoint, values),
            Cmd = Render(service.Command, values),
            Env = [.. service.Environment.Select(e => $"{e.Key}={ConfigInterpolation.Render(e.Value, values)}")],
            WorkingDir = service.WorkingDir.Length > 0 ? service.WorkingDir : null,
            User = user.Length > 0 ? user : null,
            Hostname = deployment.Name,
            Labels = labels,
            Resources = new ResourceLimits
            {
                MemoryBytes = deployment.MemoryLimitBytes,
                MemorySwapBytes = deployment.MemoryLimitBytes,
                NanoCpus = deployment.NanoCpus > 0 ? deployment.NanoCpus : null,
                PidsLimit = service.PidsLimit ?? options.DefaultPidsLimit,
            },
            RestartPolicy = ParseRestart(service.Restart),
            StopSignal = service.StopSignal.Length > 0 ? service.StopSignal : null,
            StopTimeoutSeconds = service.StopGracePeriod is { } grace ? (int)Math.Ceiling(grace.TotalSeconds) : null,
            ExposedPorts = [.. ports.Distinct(StringComparer.Ordinal)],
            NetworkMode = DeploymentLabels.NetworkName(deployment.Id),
            PortBindings = bindings,
            CapAdd = service.CapAdd,
            CapDrop = service.CapDrop,
            ReadonlyRootfs = service.ReadOnly,
            Tmpfs = Tmpfs(service.Tmpfs),
        };
    }

    /// <summary>Compose's tmpfs entries: "target" or "target:options" (the engine validates both parts).</summary>
    public static IReadOnlyDictionary<string, string> Tmpfs(IEnumerable<string> entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var (target, options) = colon < 0 ? (entry, "") : (entry[..colon], entry[(colon + 1)..]);
            if (!map.TryAdd(target, options))
            {
                throw new DeploymentException(DeploymentErrorKind.Invalid, $"services.tmpfs: {target} is listed twice");
            }
        }

        return map;
    }

    /// <summary>The volumes of the service: the manifest's kept volumes by deployment-scoped name, any other one fresh.</summary>
    public static IReadOnlyList<VolumeAttachment> Volumes(Guid deploymentId, ApplianceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return
        [
            .. manifest.Service.Volumes.Select(v => new VolumeAttachment(
                manifest.Appliance.KeepVolumes.Contains(v.Source) ? DeploymentLabels.VolumeName(deploymentId, v.Source) : null,
                v.Target, v.ReadOnly)),
        ];
    }

    /// <summary>Compose's restart values; none given = unless-stopped, so an appliance comes back after a host reboot.</summary>
    public static RestartPolicy ParseRestart(string restart) => restart switch
    {
        "" or "unless-stopped" => new RestartPolicy(RestartPolicyKind.UnlessStopped),
        "no" => RestartPolicy.No,
        "always" => new RestartPolicy(RestartPolicyKind.Always),
        "on-failure" => new RestartPolicy(RestartPolicyKind.OnFailure),
        _ when restart.StartsWith("on-failure:", StringComparison.Ordinal)
            && int.TryParse(restart["on-failure:".Length..], CultureInfo.InvariantCulture, out var retries) => new RestartPolicy(RestartPolicyKind.OnFailure, retries),
        _ => throw new DeploymentException(DeploymentErrorKind.Invalid, $"services.restart: {restart} is not a restart policy"),
    };

    private static List<string>? Render(IReadOnlyList<string>? template, JsonObject values) =>
        template?.Select(t => ConfigInterpolation.Render(t, values)).ToList();
}
