using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.E2E.TestSupport;

/// <summary>
/// The real Portal server as `./portal run` starts it after its build step (<c>dotnet Portal.Server.dll --contentRoot &lt;repo&gt;</c>),
/// on a free loopback port over a temporary data directory, with the demo catalogue (see <see cref="PortalAppWithoutDemo"/>).
/// A class fixture: it starts only as root (the tests call <see cref="Root.Require"/> first and skip elsewhere).
/// On dispose every container it made is removed, the server stopped and its host network state released.
/// </summary>
public partial class PortalApp : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _setupToken;

    public PortalApp()
        : this(demoCatalogue: true)
    {
    }

    protected PortalApp(bool demoCatalogue)
    {
        DemoCatalogue = demoCatalogue;
        Port = LoopbackPort.Free();
    }

    public bool DemoCatalogue { get; }

    /// <summary>The fixture's own temporary directory: the data directory and the docker CLI's config live below it.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("portal-e2e-").FullName;

    public string DataDirectory => Path.Combine(Directory, "data");

    public string SocketPath => Path.Combine(DataDirectory, "engine.sock");

    /// <summary>Kept across <see cref="RestartAsync"/>, so an open page reconnects to the same address.</summary>
    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The one-time setup token of the first start (from &lt;data&gt;/setup-token, as an admin would read it).</summary>
    public string SetupToken => _setupToken ?? throw new InvalidOperationException(
        _process is null ? "Portal has not started (the fixture starts it only as root)" : "Portal issued no setup token: an admin exists already");

    /// <summary>Everything the server printed so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            await StartAsync(TestContext.Current.CancellationToken);
            var tokenFile = Path.Combine(DataDirectory, "setup-token");
            _setupToken = File.Exists(tokenFile) ? (await File.ReadAllTextAsync(tokenFile, TestContext.Current.CancellationToken)).Trim() : null;
        }
    }

    /// <summary>Stops the server as an admin's restart does (SIGTERM) and starts it again on the same port and data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        await StartAsync(cancellationToken);
    }

    /// <summary>Waits until the demo catalogue import finished (it runs in the background after start) and fails if it failed.</summary>
    public async Task WaitForDemoCatalogueAsync(CancellationToken cancellationToken)
    {
        if (!DemoCatalogue)
        {
            throw new InvalidOperationException("this fixture runs without the demo catalogue");
        }

        var outcome = await WaitForOutputAsync(DemoImportLine(), TimeSpan.FromMinutes(3), cancellationToken);
        Assert.True(outcome == ":", $"the demo catalogue import failed:\n{Output}");
    }

    /// <summary>Waits until the server output matches <paramref name="pattern"/> and returns its first group.</summary>
    public async Task<string> WaitForOutputAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (pattern.Match(Output) is not { Success: true } match)
            {
                await Task.Delay(100, limit.Token);
            }

            return pattern.Match(Output).Groups[1].Value;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Portal did not print {pattern} within {timeout.TotalSeconds} s:\n{Output}");
        }
    }

    /// <summary>Runs the stock docker CLI against this server's engine socket.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> DockerAsync(params string[] args) =>
        CommandLine.RunAsync(
            "/usr/local/bin/docker",
            args,
            new Dictionary<string, string?>
            {
                ["DOCKER_HOST"] = "unix://" + SocketPath,
                ["DOCKER_CONFIG"] = Path.Combine(Directory, "docker-cli"),
                ["DOCKER_API_VERSION"] = null,
                ["DOCKER_CONTEXT"] = null,
            });

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await RemoveAllContainersAsync();
        }

        await StopAsync();
        await HostNetworkCleanup.ReleaseAsync(Directory);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(RepoPaths.ServerDll))
        {
            throw new FileNotFoundException($"Portal.Server not built at {RepoPaths.ServerDll}: run ./portal test (it builds {RepoPaths.ServerConfiguration})", RepoPaths.ServerDll);
        }

        if (!File.Exists(RepoPaths.PortalInit))
        {
            throw new FileNotFoundException($"portal-init not found at {RepoPaths.PortalInit}: run ./portal test, which publishes it", RepoPaths.PortalInit);
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(RepoPaths.ServerDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(RepoPaths.Root);
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Portal__DataDirectory"] = DataDirectory;
        start.Environment["Portal__Demo__Enabled"] = DemoCatalogue ? "true" : "false";
        // Whatever the developer's shell says, the journeys run the app as shipped.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        lock (_output)
        {
            _output.AppendLine($"--- start {DateTimeOffset.UtcNow:O}");
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitForHealthAsync(process, cancellationToken);
    }

    private async Task WaitForHealthAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StartTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"Portal exited with {process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), limit.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (!limit.IsCancellationRequested)
            {
                // One request timed out; the overall limit decides.
            }

            try
            {
                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Portal did not answer /healthz on {BaseAddress} within {StartTimeout.TotalSeconds} s:\n{Output}");
            }
        }
    }

    private async Task RemoveAllContainersAsync()
    {
        var (_, ids, _) = await DockerAsync("ps", "-aq");
        foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await DockerAsync("rm", "-f", id);
        }
    }

    private async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            _ = SendSignal(process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Demo catalogue import(:| failed)")]
    private static partial Regex DemoImportLine();
}
