using System.Net;
using System.Net.Sockets;
using Portal.Engine.Containers;

namespace Portal.Bench;

/// <summary>
/// Start of a container with bridge networking and one published port (issue #3): Portal's engine with its real
/// container network side by side with `podman run --rm -p 127.0.0.1:PORT:80 IMAGE true`, same image, interleaved.
/// "Start" is the whole life of `true` as `docker run --rm` sees it: create, network up, start, exit observed,
/// container and network gone. bench/run runs this in a network namespace of its own (see docs/benchmarks.md).
/// </summary>
internal static class NetworkBench
{
    private const int ContainerPort = 80;
    private static readonly string[] Command = ["true"];

    public static async Task<int> RunAsync(BenchArguments arguments, string work, CancellationToken cancellationToken)
    {
        var podmanProgram = ProcessRunner.Find("podman");
        if (podmanProgram is null)
        {
            await Console.Error.WriteLineAsync("podman is not installed (bench/run installs it with apt)").ConfigureAwait(false);
            return 2;
        }

        var loadBefore = HostFacts.LoadAverage;
        Progress($"building the busybox image, a fresh engine store and a private podman store in {work}");
        await using var portal = await PortalTarget.CreateAsync(work, arguments.InitPath, "portal0", cancellationToken).ConfigureAwait(false);
        var archive = Path.Combine(work, "bench-busybox-oci.tar");
        PortalTarget.WriteImageArchive(archive);
        await using var podman = await PodmanTarget.CreateAsync(podmanProgram, Path.Combine(work, "podman"), cancellationToken).ConfigureAwait(false);
        await podman.LoadAsync(archive, cancellationToken).ConfigureAwait(false);

        var portalPort = LoopbackPort.Free();
        var podmanPort = LoopbackPort.Free();
        var request = new ContainerCreateRequest
        {
            Image = PortalTarget.ImageTag,
            Cmd = Command,
            NetworkMode = NetworkModes.Bridge,
            PortBindings = [new PortBinding(ContainerPort, "tcp", "127.0.0.1", portalPort)],
        };
        string[] podmanArgs = ["run", "--rm", "-p", $"127.0.0.1:{podmanPort}:{ContainerPort}", PortalTarget.ImageTag, .. Command];
        var podmanCommand = $"podman run --rm -p 127.0.0.1:{podmanPort}:{ContainerPort} {PortalTarget.ImageTag} true";

        var portalResults = new PortalSamples();
        var podmanResults = new Samples();
        for (var round = 0; round <= arguments.Runs; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = await portal.RunAsync(request, cancellationToken).ConfigureAwait(false);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"Portal run {round} exited {run.ExitCode}");
            }

            if (run.Network is not { Attach.Ticks: > 0, Publish.Ticks: > 0, Detach.Ticks: > 0 })
            {
                throw new InvalidOperationException($"Portal run {round} did not attach, publish and detach a network: {run.Network}");
            }

            var pod = await podman.RunAsync(podmanArgs, cancellationToken).ConfigureAwait(false);
            if (pod.ExitCode != 0)
            {
                throw new InvalidOperationException($"`{podmanCommand}` (round {round}) exited {pod.ExitCode}: {pod.Output}");
            }

            if (round > 0)
            {
                portalResults.Add(run);
                podmanResults.Add(pod.Elapsed);
            }

            Progress($"round {round}{(round == 0 ? " (warm-up)" : "")}: Portal {run.RunAndRemove.TotalMilliseconds:0.0} ms, podman {pod.Elapsed.TotalMilliseconds:0.0} ms");
        }

        NetworkReport.Write(Console.Out, arguments.Runs, portalResults, podmanResults, podman.Version, podmanCommand, loadBefore, HostFacts.LoadAverage);
        return 0;
    }

    private static void Progress(string message) => Console.Error.WriteLine("bench: " + message);
}
