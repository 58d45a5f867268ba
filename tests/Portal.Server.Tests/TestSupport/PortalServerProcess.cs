using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Server.Tests.TestSupport;

/// <summary>
/// The real Portal server as its own process (as `./portal run` starts it) over a temporary data
/// directory, so tests can SIGKILL it and start it again like an admin's crash would.
/// </summary>
internal sealed class PortalServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalServerProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the server printed so far (stdout and stderr, line by line).</summary>
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

    public string DataDirectory { get; }

    public string SocketPath => Path.Combine(DataDirectory, "engine.sock");

    public static string RepoRoot { get; } = FindRepoRoot();

    public static async Task<PortalServerProcess> StartAsync(string dataDirectory)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name; // "debug" or "release"
        var serverDll = Path.Combine(RepoRoot, "artifacts", "bin", "Portal.Server", configuration, "Portal.Server.dll");
        var init = Path.Combine(RepoRoot, "artifacts", "portal-init", "portal-init");
        if (!File.Exists(init))
        {
            throw new FileNotFoundException($"portal-init not found at {init}: run ./portal test, which publishes it", init);
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(RepoRoot);
        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["Portal__InitPath"] = init;
        // Building the six demo images at every test server start would only slow the suite; DemoCatalogueTests covers it.
        start.Environment["Portal__Demo__Enabled"] = "false";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var server = new PortalServerProcess(Process.Start(start)!, dataDirectory);
        await server.WaitForSocketAsync();
        return server;
    }

    /// <summary>The HTTP address Kestrel chose (the server listens on port 0), from its "Now listening on" line.</summary>
    public async Task<Uri> GetHttpAddressAsync() =>
        new(await WaitForOutputAsync(new Regex(@"Now listening on: (http://[0-9]\S+)")));

    /// <summary>Waits until the output matches <paramref name="pattern"/> and returns its first group.</summary>
    public async Task<string> WaitForOutputAsync(Regex pattern)
    {
        for (var i = 0; i < 300; i++)
        {
            if (pattern.Match(Output) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Portal did not print {pattern} within 30 s:\n{Output}");
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> DockerAsync(params string[] args) =>
        DockerCli.RunAsync(SocketPath, Path.Combine(DataDirectory, "..", "docker-cli"), args);

    /// <summary>Runs the docker CLI and asserts it exits 0 (the message shows the command and its output); returns stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await DockerAsync(args);
        Assert.True(code == 0, $"docker {string.Join(' ', args)} exited {code}: {stdout}{stderr}");
        return stdout;
    }

    /// <summary>Ends the server the hard way: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private async Task WaitForSocketAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
                throw new InvalidOperationException($"Portal exited with {_process.ExitCode} while starting:\n{Output}");
            }

            if (File.Exists(SocketPath))
            {
                try
                {
                    using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), TestContext.Current.CancellationToken);
                    return;
                }
                catch (SocketException)
                {
                }
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("Portal did not open its Docker API socket within 30 s");
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

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
