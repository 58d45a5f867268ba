using System.Text.Json.Nodes;
using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Engine.Stats;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// A stats sample in Docker's field names, so the docker CLI computes CPU % from the deltas between
/// cpu_stats and precpu_stats and picks the v1 or v2 cache rule by the presence of total_inactive_file.
/// </summary>
internal static class StatsJson
{
    public static JsonObject Sample(ContainerDetails container, ContainerStats current, ContainerStats? previous)
    {
        var cgroup = current.Cgroup;
        var pids = new JsonObject { ["current"] = cgroup.PidsCurrent };
        if (cgroup.PidsLimit is { } pidsLimit)
        {
            pids["limit"] = pidsLimit;
        }

        var v1 = current.CgroupVersion == CgroupVersion.V1;
        var memory = new JsonObject
        {
            ["usage"] = cgroup.MemoryUsage,
            ["stats"] = new JsonObject(cgroup.MemoryStat
                .Where(kv => v1 || !kv.Key.StartsWith("total_", StringComparison.Ordinal))
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["limit"] = current.MemoryLimit,
        };
        if (v1)
        {
            memory["max_usage"] = cgroup.MemoryMaxUsage;
        }

        var sample = new JsonObject
        {
            ["name"] = "/" + container.Name,
            ["id"] = container.Id,
            ["read"] = DockerTime.Rfc3339Nano(current.Read),
            ["preread"] = previous is null ? DockerTime.Zero : DockerTime.Rfc3339Nano(previous.Read),
            ["pids_stats"] = pids,
            ["blkio_stats"] = new JsonObject
            {
                ["io_service_bytes_recursive"] = new JsonArray([.. cgroup.IoServiceBytes.Select(e => (JsonNode)new JsonObject
                {
                    ["major"] = e.Major,
                    ["minor"] = e.Minor,
                    ["op"] = e.Op,
                    ["value"] = e.Value,
                })]),
                ["io_serviced_recursive"] = null,
                ["io_queue_recursive"] = null,
                ["io_service_time_recursive"] = null,
                ["io_wait_time_recursive"] = null,
                ["io_merged_recursive"] = null,
                ["io_time_recursive"] = null,
                ["sectors_recursive"] = null,
            },
            ["num_procs"] = 0,
            ["storage_stats"] = new JsonObject(),
            ["cpu_stats"] = Cpu(current),
            ["precpu_stats"] = previous is null ? EmptyCpu() : Cpu(previous),
            ["memory_stats"] = memory,
        };
        if (current.Networks.Count > 0)
        {
            // Docker omits the key for a container without endpoints (--network none or host).
            sample["networks"] = Networks(current.Networks);
        }

        return sample;
    }

    private static JsonObject Networks(IReadOnlyDictionary<string, NetworkCounters> networks) =>
        new(networks.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
        {
            ["rx_bytes"] = kv.Value.RxBytes,
            ["rx_packets"] = kv.Value.RxPackets,
            ["rx_errors"] = kv.Value.RxErrors,
            ["rx_dropped"] = kv.Value.RxDropped,
            ["tx_bytes"] = kv.Value.TxBytes,
            ["tx_packets"] = kv.Value.TxPackets,
            ["tx_errors"] = kv.Value.TxErrors,
            ["tx_dropped"] = kv.Value.TxDropped,
        })));

    private static JsonObject Cpu(ContainerStats stats)
    {
        var cgroup = stats.Cgroup;
        var usage = new JsonObject
        {
            ["total_usage"] = cgroup.CpuUsageNs,
            ["usage_in_kernelmode"] = cgroup.CpuSystemNs,
            ["usage_in_usermode"] = cgroup.CpuUserNs,
        };
        if (cgroup.PerCpuUsageNs.Count > 0)
        {
            usage["percpu_usage"] = new JsonArray([.. cgroup.PerCpuUsageNs.Select(v => (JsonNode?)v)]);
        }

        return new JsonObject
        {
            ["cpu_usage"] = usage,
            ["system_cpu_usage"] = stats.SystemCpuUsageNs,
            ["online_cpus"] = stats.OnlineCpus,
            ["throttling_data"] = Throttling(cgroup.ThrottledPeriods, cgroup.ThrottledTimeNs),
        };
    }

    private static JsonObject EmptyCpu() => new()
    {
        ["cpu_usage"] = new JsonObject { ["total_usage"] = 0, ["usage_in_kernelmode"] = 0, ["usage_in_usermode"] = 0 },
        ["throttling_data"] = Throttling(0, 0),
    };

    private static JsonObject Throttling(ulong throttledPeriods, ulong throttledTime) => new()
    {
        ["periods"] = 0,
        ["throttled_periods"] = throttledPeriods,
        ["throttled_time"] = throttledTime,
    };
}
