using System.Text.RegularExpressions;
using Portal.Engine.Cgroups;
using Portal.Engine.Errors;
using Portal.Engine.Interop;
using Portal.Engine.ProcessSetup;

namespace Portal.Engine.Containers;

/// <summary>Refuses create requests Docker would refuse, with Docker's wording where it has one.</summary>
public static partial class ContainerRequestValidator
{
    /// <summary>Docker's floor for a memory limit.</summary>
    public const long MinimumMemoryBytes = 6 * 1024 * 1024;

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex NamePattern();

    public static void Validate(ContainerCreateRequest request, int hostCpus)
    {
        if (request.Name is { } name && !NamePattern().IsMatch(name))
        {
            throw new InvalidArgumentException($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }

        if (string.IsNullOrWhiteSpace(request.Image))
        {
            throw new InvalidArgumentException("Image: an image reference is required");
        }

        ValidateResources(request.Resources, hostCpus);
        ValidateNetwork(request);

        if (request.RestartPolicy.MaximumRetryCount < 0)
        {
            throw new InvalidArgumentException("RestartPolicy.MaximumRetryCount: must be 0 or more");
        }

        if (request.RestartPolicy.MaximumRetryCount > 0 && request.RestartPolicy.Kind != RestartPolicyKind.OnFailure)
        {
            throw new InvalidArgumentException("RestartPolicy.MaximumRetryCount: only valid with the on-failure policy");
        }

        if (request.AutoRemove && request.RestartPolicy.Kind != RestartPolicyKind.No)
        {
            throw new InvalidArgumentException("AutoRemove: cannot be combined with a restart policy (Docker's --rm and --restart conflict)");
        }

        if (request.StopSignal is { } signal)
        {
            Signals.Parse(signal);
        }

        ValidateCapabilities(request.CapAdd, "HostConfig.CapAdd");
        ValidateCapabilities(request.CapDrop, "HostConfig.CapDrop");
        ValidateTmpfs(request.Tmpfs);
    }

    private static void ValidateCapabilities(IReadOnlyList<string> names, string field)
    {
        if (names.FirstOrDefault(n => !Capabilities.IsKnown(n)) is { } unknown)
        {
            throw new InvalidArgumentException($"{field}: unknown capability \"{unknown}\"");
        }
    }

    /// <summary>Targets as Docker takes them (absolute, not /, each once) and options the kernel's tmpfs knows.</summary>
    public static IReadOnlyDictionary<string, string> ValidateTmpfs(IReadOnlyDictionary<string, string> tmpfs)
    {
        ArgumentNullException.ThrowIfNull(tmpfs);
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (target, options) in tmpfs)
        {
            var path = MountPaths.Clean(target, $"HostConfig.Tmpfs[{target}]");
            TmpfsOptions.Parse(options ?? "", $"HostConfig.Tmpfs[{target}]");
            if (!clean.TryAdd(path, options ?? ""))
            {
                throw new InvalidArgumentException($"Duplicate mount point: {path}");
            }
        }

        return clean;
    }

    private static void ValidateResources(ResourceLimits r, int hostCpus)
    {
        if (r.MemoryBytes is > 0 and < MinimumMemoryBytes)
        {
            throw new InvalidArgumentException("Memory: minimum memory limit allowed is 6MB");
        }

        if (r.MemoryBytes < 0)
        {
            throw new InvalidArgumentException($"Memory: {r.MemoryBytes} is negative");
        }

        if (r.MemorySwapBytes is > 0 && (r.MemoryBytes is null or 0))
        {
            throw new InvalidArgumentException("MemorySwap: you should always set the Memory limit when using Memoryswap limit");
        }

        if (r.MemorySwapBytes is > 0 && r.MemorySwapBytes < r.MemoryBytes)
        {
            throw new InvalidArgumentException("MemorySwap: minimum memoryswap limit should be larger than memory limit");
        }

        if (r.NanoCpus is > 0 && (r.CpuQuotaMicros is > 0 || r.CpuPeriodMicros is > 0))
        {
            throw new InvalidArgumentException("NanoCpus: conflicting options: Nano CPUs and CPU Period/Quota cannot both be set");
        }

        if (r.NanoCpus < 0 || r.NanoCpus > hostCpus * 1_000_000_000L)
        {
            throw new InvalidArgumentException($"NanoCpus: range of CPUs is from 0.01 to {hostCpus}.00, as there are only {hostCpus} CPUs available");
        }

        if (r.CpuPeriodMicros is > 0 and (< 1000 or > 1_000_000))
        {
            throw new InvalidArgumentException("CpuPeriod: CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }

        if (r.CpuQuotaMicros is > 0 and < 1000)
        {
            throw new InvalidArgumentException("CpuQuota: CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }

        if (r.CpuShares is < 0 or > 262_144)
        {
            throw new InvalidArgumentException($"CpuShares: {r.CpuShares} is out of range 2..262144");
        }
    }

    private static void ValidateNetwork(ContainerCreateRequest request)
    {
        var mode = NetworkModes.Resolve(request.NetworkMode, bridgeAvailable: true);
        if (mode is NetworkModes.Host || mode.StartsWith("container:", StringComparison.Ordinal))
        {
            throw new InvalidArgumentException($"NetworkMode: network {mode} is not supported yet (use bridge, none, default or a user-defined network)");
        }

        if (mode == NetworkModes.None && (request.PortBindings.Count > 0 || request.PublishAllPorts))
        {
            throw new InvalidArgumentException("conflicting options: port publishing and the container type network mode");
        }

        foreach (var port in request.PortBindings)
        {
            PortSpecs.Validate(port);
        }
    }
}
