using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Containers;
using Portal.Engine.Logs;
using Portal.Engine.Spec;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Runtime;

/// <summary>One busybox rootfs per test and helpers to run a container through the real portal-init.</summary>
public sealed class ContainerFixture : IDisposable
{
    private readonly TempDirectory temp = new("portal-rt-");

    public ContainerFixture()
    {
        RootfsSource = temp.Combine("rootfs");
        BusyboxRootfs.Create(RootfsSource);
        Runtime = NewRuntime();
    }

    public string RootfsSource { get; }

    public ShimRuntime Runtime { get; }

    public static ShimRuntime NewRuntime() =>
        new(new EngineOptions { InitPath = RepoPaths.InitBinary }, NullLogger<ShimRuntime>.Instance);

    public RuntimeSpec Spec(string id, params string[] args)
    {
        var state = temp.Combine("state-" + id);
        var mnt = temp.Combine("mnt-" + id);
        var upper = temp.Combine("upper-" + id);
        var work = temp.Combine("work-" + id);
        Directory.CreateDirectory(mnt);
        Directory.CreateDirectory(upper);
        Directory.CreateDirectory(work);
        return new RuntimeSpec
        {
            Id = id,
            RootfsDir = mnt,
            // An overlay keeps the container's writes (mkdir of /dev etc.) out of the shared source.
            RootfsMounts = [new MountSpec("overlay", "overlay", "/", [$"lowerdir={RootfsSource}", $"upperdir={upper}", $"workdir={work}"])],
            Process = new ProcessSpec
            {
                Args = args,
                Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                Capabilities = DefaultSecurity.Capabilities,
                Rlimits = [new RlimitSpec("NOFILE", 1048576, 1048576)],
            },
            Hostname = "portal-" + id,
            Log = new LogSpec(Path.Combine(state, "container.log"), 1024 * 1024, 2),
            StateDir = state,
            MaskedPaths = DefaultSecurity.MaskedPaths,
            ReadonlyPaths = DefaultSecurity.ReadonlyPaths,
        };
    }

    /// <summary>Starts the container, waits for its exit and returns the exit with its log as text.</summary>
    public async Task<(ShimExit Exit, string Stdout, string Stderr)> RunAsync(RuntimeSpec spec)
    {
        var ct = TestContext.Current.CancellationToken;
        var state = await Runtime.StartAsync(spec, ct);
        var exit = await Runtime.WaitForExitAsync(spec.StateDir, state, ct);
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        await foreach (var entry in LogReader.ReadAsync(spec.Log.Path, new LogReadOptions(), Task.CompletedTask, ct))
        {
            (entry.Stream == LogStream.Stdout ? stdout : stderr).Append(System.Text.Encoding.UTF8.GetString(entry.Line.Span));
        }

        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => temp.Dispose();
}
