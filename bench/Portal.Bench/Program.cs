using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Portal.Bench;

/// <summary>
/// Start-and-exit of `true` from a busybox image: Portal's engine side by side with `runc run` and `crun run` on
/// the same rootfs, interleaved per round so load changes hit every system alike. Progress goes to stderr, the
/// markdown results to stdout.
/// </summary>
internal static class Program
{
    private static readonly string[] Command = ["true"];
    private static readonly string RuntimeCgroup = $"portal-bench-oci-{Environment.ProcessId}";

    private static async Task<int> Main(string[] args)
    {
        BenchArguments arguments;
        try
        {
            arguments = BenchArguments.Parse(args, Path.Combine(RepoRoot(), "artifacts", "portal-init", "portal-init"));
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        if (LibC.geteuid() != 0)
        {
            await Console.Error.WriteLineAsync("Portal.Bench runs containers: run it as root (bench/run does)").ConfigureAwait(false);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            // Unwind through the finally blocks: they unmount and remove what the run created.
            context.Cancel = true;
            cancel.Cancel();
        }

        var work = Directory.CreateTempSubdirectory("portal-bench-").FullName;
        try
        {
            return arguments.Scenario switch
            {
                BenchScenario.Network => await NetworkBench.RunAsync(arguments, work, cancel.Token).ConfigureAwait(false),
                BenchScenario.LogViewer => await LogViewerBench.RunAsync(arguments, RepoRoot(), work, cancel.Token).ConfigureAwait(false),
                BenchScenario.AppStart => await AppStartBench.RunAsync(arguments, RepoRoot(), work, cancel.Token).ConfigureAwait(false),
                _ => await RunAsync(arguments, work, cancel.Token).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("interrupted; cleaned up").ConfigureAwait(false);
            return 130;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<int> RunAsync(BenchArguments arguments, string work, CancellationToken cancellationToken)
    {
        var loadBefore = HostFacts.LoadAverage;
        Progress($"building the busybox image and a fresh engine store in {work}");
        await using var portal = await PortalTarget.CreateAsync(work, arguments.InitPath, cancellationToken).ConfigureAwait(false);
        var check = await portal.RunAsync(Command, cancellationToken).ConfigureAwait(false);
        if (check.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync($"Portal ran `true` with exit code {check.ExitCode}").ConfigureAwait(false);
            return 1;
        }

        HugetlbWorkaround? hugetlb = null;
        try
        {
            var bundle = Path.Combine(work, "bundle");
            var (runtimes, namespaces) = await PrepareRuntimesAsync(portal.LayerDirectory, bundle, cancellationToken).ConfigureAwait(false);
            if (runtimes.FirstOrDefault(r => r.Name == "crun") is { Unavailable: { } crunError } crun && HugetlbWorkaround.Applies(crunError))
            {
                Progress($"crun: {crunError.Trim()}; trying the hugetlb v1 workaround");
                hugetlb = await HugetlbWorkaround.ApplyAsync(work, cancellationToken).ConfigureAwait(false);
                var retry = await crun.RunAsync(cancellationToken).ConfigureAwait(false);
                crun.Unavailable = retry.ExitCode == 0
                    ? null
                    : $"{crunError.Trim()}; with the hugetlb v1 workaround still: {retry.Output}";
                crun.Workaround = $"first attempt failed with \"{crunError.Trim()}\"; measured with {hugetlb.Description}.";
            }

            var measured = runtimes.Where(r => r.Unavailable is null).ToList();
            var results = new PortalSamples();
            for (var round = 0; round <= arguments.Runs; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var run = await portal.RunAsync(Command, cancellationToken).ConfigureAwait(false);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"Portal run {round} exited {run.ExitCode}");
                }

                if (round > 0)
                {
                    results.Add(run);
                }

                foreach (var runtime in measured)
                {
                    var result = await runtime.RunAsync(cancellationToken).ConfigureAwait(false);
                    if (result.ExitCode != 0)
                    {
                        throw new InvalidOperationException($"{runtime.Name} run {round} exited {result.ExitCode}: {result.Output}");
                    }

                    if (round > 0)
                    {
                        runtime.Samples.Add(result.Elapsed);
                    }
                }

                Progress($"round {round}{(round == 0 ? " (warm-up)" : "")}: Portal {run.Run.TotalMilliseconds:0.0} ms");
            }

            Cleanup(hugetlb);
            if (hugetlb?.Restored is { } restored)
            {
                Progress("hugetlb workaround: " + restored);
                foreach (var runtime in runtimes.Where(r => r.Workaround is not null))
                {
                    runtime.Workaround += " After the run: " + restored + ".";
                }
            }

            Report.Write(Console.Out, arguments.Runs, results, runtimes, namespaces, loadBefore, HostFacts.LoadAverage);
            return 0;
        }
        finally
        {
            Cleanup(hugetlb);
        }
    }

    /// <summary>The runtimes' cgroups go before the hugetlb hierarchy is unmounted: an unmounted hierarchy that
    /// still has a child cgroup lives on invisibly and keeps the controller off cgroup2.</summary>
    private static void Cleanup(HugetlbWorkaround? hugetlb)
    {
        OciBundle.RemoveCgroups(RuntimeCgroup, hugetlb?.MountPoint);
        hugetlb?.Dispose();
    }

    /// <summary>The runtimes that are installed, each checked with one run of the bundle; a failing one is kept
    /// with its error so the report can say why it was not measured.</summary>
    private static async Task<(List<RuntimeTarget> Runtimes, IReadOnlyList<string> Namespaces)> PrepareRuntimesAsync(
        string layerDirectory, string bundle, CancellationToken cancellationToken)
    {
        var runtimes = new List<RuntimeTarget>();
        var runc = ProcessRunner.Find("runc");
        if (runc is null)
        {
            Progress("runc is not installed: only Portal and crun are measured");
            runtimes.Add(new RuntimeTarget("runc", "runc", "", bundle) { Unavailable = "runc is not installed" });
            runtimes.Add(new RuntimeTarget("crun", "crun", "", bundle) { Unavailable = "needs `runc spec` to build the bundle, and runc is not installed" });
            return (runtimes, []);
        }

        Progress("preparing the OCI bundle from the image's layer");
        await OciBundle.CreateAsync(runc, layerDirectory, bundle, Command, RuntimeCgroup, cancellationToken).ConfigureAwait(false);
        foreach (var name in new[] { "runc", "crun" })
        {
            var program = ProcessRunner.Find(name);
            if (program is null)
            {
                runtimes.Add(new RuntimeTarget(name, name, "", bundle) { Unavailable = $"{name} is not installed" });
                continue;
            }

            var runtime = new RuntimeTarget(name, program, await RuntimeTarget.VersionOfAsync(program, cancellationToken).ConfigureAwait(false), bundle);
            var first = await runtime.RunAsync(cancellationToken).ConfigureAwait(false);
            if (first.ExitCode != 0)
            {
                runtime.Unavailable = first.Output.Length > 0 ? first.Output : $"exit code {first.ExitCode}";
            }

            runtimes.Add(runtime);
        }

        return (runtimes, OciBundle.Namespaces(bundle));
    }

    private static void Progress(string message) => Console.Error.WriteLine("bench: " + message);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
