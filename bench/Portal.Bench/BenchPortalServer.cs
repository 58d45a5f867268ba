using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Portal.Bench;

/// <summary>
/// The real Portal server as `./portal run` starts it (<c>dotnet artifacts/publish/portal/Portal.Server.dll
/// --contentRoot &lt;repo&gt; --webroot artifacts/publish/portal/wwwroot</c>; or, for comparison, the Release build
/// output with its static web assets manifest), on a free loopback port over a data directory in the bench's work
/// directory, without the demo catalogue. Stopped with SIGTERM, as systemd stops it.
/// </summary>
internal sealed partial class BenchPortalServer : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private BenchPortalServer(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

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

    public static async Task<BenchPortalServer> StartAsync(string repoRoot, string work, CancellationToken cancellationToken, bool published = true)
    {
        var publishedDirectory = Path.Combine(repoRoot, "artifacts", "publish", "portal");
        var dll = published
            ? Path.Combine(publishedDirectory, "Portal.Server.dll")
            : Path.Combine(repoRoot, "artifacts", "bin", "Portal.Server", "release", "Portal.Server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Portal.Server is not at {dll}: bench/run publishes it (./portal publish) and builds it with the bench (Release)", dll);
        }

        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        var data = Path.Combine(work, "data");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repoRoot };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(repoRoot);
        if (published)
        {
            start.ArgumentList.Add("--webroot");
            start.ArgumentList.Add(Path.Combine(publishedDirectory, "wwwroot"));
        }

        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["Portal__DataDirectory"] = data;
        start.Environment["Portal__Demo__Enabled"] = "false";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        var server = new BenchPortalServer(Process.Start(start)!, address, data);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitForHealthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    public async Task<string> SetupTokenAsync(CancellationToken cancellationToken) =>
        (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "setup-token"), cancellationToken).ConfigureAwait(false)).Trim();

    private async Task WaitForHealthAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Portal exited with {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"Portal did not answer /healthz on {Address} within 120 s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
