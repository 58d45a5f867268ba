using System.Globalization;

namespace Portal.Bench;

/// <summary>The results as markdown, ready for docs/benchmarks.md.</summary>
internal static class Report
{
    public static void Write(TextWriter output, int runs, PortalSamples portal, IReadOnlyList<RuntimeTarget> runtimes,
        IReadOnlyList<string> bundleNamespaces, string loadBefore, string loadAfter)
    {
        output.WriteLine($"Host: {HostFacts.Cpus} CPUs, kernel {HostFacts.Kernel}, {HostFacts.CgroupLayout}.");
        output.WriteLine($"Load average (1/5/15 min) before: {loadBefore}; after: {loadAfter}.");
        output.WriteLine($"{runs} measured rounds after 1 warm-up round; each round runs the systems in turn (Portal, runc, crun). Wall time per container, ms.");
        output.WriteLine();
        output.WriteLine("| system | what is timed | median ms | min ms | max ms | n |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        Row(output, "Portal", "create + start + wait (exit), in-process engine API", portal.Run);
        Row(output, "Portal", "create + start + wait + remove", portal.RunAndRemove);
        foreach (var runtime in runtimes)
        {
            var label = $"{runtime.Name} {VersionNumber(runtime.Version)}".Trim();
            if (runtime.Unavailable is null && runtime.Samples.Count > 0)
            {
                Row(output, label, $"`{runtime.Command}`" + (runtime.Workaround is null ? "" : " (hugetlb v1 workaround)"), runtime.Samples);
            }
            else
            {
                output.WriteLine($"| {label} | `{runtime.Command}` | not measured: {runtime.Unavailable} | | | |");
            }
        }

        output.WriteLine();
        output.WriteLine("| ratio of medians (create + start + wait) | value |");
        output.WriteLine("|---|---:|");
        foreach (var runtime in runtimes)
        {
            var value = runtime.Unavailable is null && runtime.Samples.Count > 0
                ? (portal.Run.Median / runtime.Samples.Median).ToString("0.00", CultureInfo.InvariantCulture) + "×"
                : "n/a";
            output.WriteLine($"| Portal / {runtime.Name} | {value} |");
        }

        output.WriteLine();
        output.WriteLine("| Portal step | median ms | min ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|");
        Step(output, "create (record, overlay dirs)", portal.Create);
        Step(output, "start (cgroups, spec, shim → init → execve handshake, state saved)", portal.Start);
        Step(output, "wait (exit observed, cgroups removed, state saved)*", portal.Wait);
        Step(output, "remove", portal.Remove);

        output.WriteLine();
        output.WriteLine("\\* `true` often exits while start is still saving its state; the engine then handles the exit before "
            + "StartAsync returns and that time lands in the start step. The split between start and wait varies; their sum does not.");
        output.WriteLine("Namespaces: Portal unshares uts, ipc, net, pid, cgroup (shim) and mount (init); "
            + $"the runc/crun bundle (`runc spec` defaults) has {string.Join(", ", bundleNamespaces)}.");
        output.WriteLine("Rootfs: Portal mounts an overlay (image layer + per-container upper dir); runc/crun bind a plain copy of the same layer, read-only (`runc spec` default). "
            + "Cgroups: Portal joins memory, cpu, cpuacct, pids, blkio, freezer, devices under its own parent; runc/crun use "
            + "an absolute cgroupsPath (set in the bundle) in every hierarchy they know.");
        foreach (var runtime in runtimes.Where(r => r.Workaround is not null))
        {
            output.WriteLine($"{runtime.Name}: {runtime.Workaround}");
        }
    }

    private static void Row(TextWriter output, string system, string what, Samples samples) =>
        output.WriteLine($"| {system} | {what} | **{Ms(samples.Median)}** | {Ms(samples.Min)} | {Ms(samples.Max)} | {samples.Count} |");

    private static void Step(TextWriter output, string step, Samples samples) =>
        output.WriteLine($"| {step} | {Ms(samples.Median)} | {Ms(samples.Min)} | {Ms(samples.Max)} |");

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>"runc version 1.1.5+ds1" → "1.1.5+ds1".</summary>
    private static string VersionNumber(string version) => version.Split(' ').LastOrDefault() ?? "";
}
