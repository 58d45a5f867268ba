using Portal.Data.Entities;

namespace Portal.Server.Metrics;

/// <summary>
/// The newest 1 Hz samples as Prometheus gauges. Host families are named portal_host_*, deployment families
/// portal_deployment_* with labels deployment (id), name and team (empty when the database does not know the id).
/// </summary>
public static class PrometheusExposition
{
    private const string Gauge = "gauge";

    public static string Render(LatestMetrics.Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new PrometheusText();
        if (snapshot.Host is { } host)
        {
            Host(text, "cpu_percent", "Host CPU use in percent of one CPU (100 x cpus = all busy), over the last second.", host.CpuPercent);
            Host(text, "cpus", "CPUs online.", host.CpuCount);
            Host(text, "memory_total_bytes", "MemTotal of /proc/meminfo.", host.MemoryTotalBytes);
            Host(text, "memory_used_bytes", "MemTotal minus MemAvailable.", host.MemoryUsedBytes);
            Host(text, "disk_total_bytes", "Size of the filesystem holding the data directory.", host.Disk.TotalBytes);
            Host(text, "disk_used_bytes", "Used bytes of that filesystem (total minus all free blocks).", host.Disk.UsedBytes);
            Host(text, "disk_free_bytes", "Bytes of that filesystem available to unprivileged users.", host.Disk.FreeBytes);
            Host(text, "network_receive_bytes_per_second", "Bytes received per second on host interfaces other than lo and Portal's bridges and veths.", host.NetRxBytesPerSecond);
            Host(text, "network_transmit_bytes_per_second", "Bytes sent per second on host interfaces other than lo and Portal's bridges and veths.", host.NetTxBytesPerSecond);
            Host(text, "load1", "1-minute load average.", host.Load.One);
            Host(text, "load5", "5-minute load average.", host.Load.Five);
            Host(text, "load15", "15-minute load average.", host.Load.Fifteen);
            Host(text, "uptime_seconds", "Seconds since the host booted.", host.Uptime.TotalSeconds);
        }

        var deployments = snapshot.Deployments.OrderBy(d => d.DeploymentId).ToList();
        if (deployments.Count > 0)
        {
            Deployment(text, snapshot, deployments, "cpu_percent", "CPU use in percent of one CPU (200 = two CPUs busy), as docker stats shows it.", d => d.CpuPercent);
            Deployment(text, snapshot, deployments, "memory_used_bytes", "Memory use minus inactive file cache, as docker stats shows it.", d => d.MemoryUsedBytes);
            Deployment(text, snapshot, deployments, "memory_limit_bytes", "Memory limit (host memory when unlimited).", d => d.MemoryLimitBytes);
            Deployment(text, snapshot, deployments, "network_receive_bytes_per_second", "Bytes received per second over the deployment's interfaces.", d => d.NetRxBytesPerSecond);
            Deployment(text, snapshot, deployments, "network_transmit_bytes_per_second", "Bytes sent per second over the deployment's interfaces.", d => d.NetTxBytesPerSecond);
            Deployment(text, snapshot, deployments, "disk_read_bytes_per_second", "Block device bytes read per second.", d => d.DiskReadBytesPerSecond);
            Deployment(text, snapshot, deployments, "disk_write_bytes_per_second", "Block device bytes written per second.", d => d.DiskWriteBytesPerSecond);
            Deployment(text, snapshot, deployments, "pids", "Processes and threads in the deployment's containers.", d => d.Pids);
            Deployment(text, snapshot, deployments, "containers", "Running containers of the deployment.", d => d.Containers);
        }

        return text.ToString();
    }

    private static void Host(PrometheusText text, string suffix, string help, double value)
    {
        var name = "portal_host_" + suffix;
        text.Family(name, Gauge, help).Sample(name, value);
    }

    private static void Deployment(
        PrometheusText text, LatestMetrics.Snapshot snapshot, IReadOnlyList<DeploymentMetrics> deployments, string suffix, string help, Func<DeploymentMetrics, double> value)
    {
        var name = "portal_deployment_" + suffix;
        text.Family(name, Gauge, help);
        foreach (var d in deployments)
        {
            var labels = snapshot.Labels.GetValueOrDefault(d.DeploymentId);
            text.Sample(name, value(d),
                ("deployment", MetricSeries.ForDeployment(d.DeploymentId)),
                ("name", labels?.Name ?? ""),
                ("team", labels?.Team ?? ""));
        }
    }
}
