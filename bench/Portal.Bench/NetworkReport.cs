using System.Globalization;

namespace Portal.Bench;

/// <summary>The network scenario's results as markdown, in the start benchmark's format.</summary>
internal static class NetworkReport
{
    public static void Write(TextWriter output, int runs, PortalSamples portal, Samples podman, string podmanVersion, string podmanCommand,
        string loadBefore, string loadAfter)
    {
        output.WriteLine($"Host: {HostFacts.Cpus} CPUs, kernel {HostFacts.Kernel}, {HostFacts.CgroupLayout}.");
        output.WriteLine($"Load average (1/5/15 min) before: {loadBefore}; after: {loadAfter}.");
        output.WriteLine($"{runs} measured rounds after 1 warm-up round; each round runs Portal, then podman. Wall time per container, ms.");
        output.WriteLine();
        output.WriteLine("| system | what is timed | median ms | min ms | max ms | n |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        Row(output, "Portal", "create + start + wait (exit) + remove, bridge + 127.0.0.1 port, in-process engine API", portal.RunAndRemove);
        Row(output, "Portal", "create + start + wait (exit), same, without remove", portal.Run);
        Row(output, podmanVersion, $"`{podmanCommand}` (runc, netavark)", podman);
        output.WriteLine();
        output.WriteLine("| ratio of medians | value |");
        output.WriteLine("|---|---:|");
        output.WriteLine($"| **Portal (with remove) / podman run --rm** | **{Ratio(portal.RunAndRemove.Median, podman.Median)}** |");
        output.WriteLine($"| Portal (without remove) / podman run --rm | {Ratio(portal.Run.Median, podman.Median)} |");
        output.WriteLine();
        output.WriteLine("| Portal step | median ms | min ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|");
        Step(output, "create (record, overlay dirs, port check)", portal.Create);
        Step(output, "start (network attach + publish, cgroups, shim → init → execve)*", portal.Start);
        Step(output, "wait (exit observed, network detach)*", portal.Wait);
        Step(output, "remove (record, overlay dirs)", portal.Remove);
        Step(output, "of which network: port check (create)", portal.CheckPorts);
        Step(output, "of which network: attach (`ip netns add`, veth, lease, address, route)", portal.Attach);
        Step(output, "of which network: publish (nft transaction)", portal.Publish);
        Step(output, "of which network: detach on exit (nft transaction, veth, `ip netns delete`, lease)", portal.Detach);
        Step(output, "network total", portal.NetworkTotal);
        output.WriteLine();
        output.WriteLine("\\* `true` may exit while start is still saving its state; that time then lands in the start step.");
    }

    private static string Ratio(double a, double b) => (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static void Row(TextWriter output, string system, string what, Samples samples) =>
        output.WriteLine($"| {system} | {what} | **{Ms(samples.Median)}** | {Ms(samples.Min)} | {Ms(samples.Max)} | {samples.Count} |");

    private static void Step(TextWriter output, string step, Samples samples) =>
        output.WriteLine($"| {step} | {Ms(samples.Median)} | {Ms(samples.Min)} | {Ms(samples.Max)} |");

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
