using System.Globalization;
using System.Net.Sockets;

namespace Portal.Server.Deployments.Health;

/// <summary>
/// Probes from the host: an HTTP GET of the web UI path for http (healthy on any status below 500), a TCP connect
/// for https (the host does not hold the appliance's certificate authority, so a handshake would prove nothing more).
/// </summary>
public sealed class HttpHealthProbe : IHealthProbe, IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public async Task<string?> ProbeAsync(HealthTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            if (target.Scheme == "https")
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(target.Address, target.Port, deadline.Token);
                return null;
            }

            var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{target.Address}:{target.Port}{target.Path}"));
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var code = (int)response.StatusCode;
            return code < 500 ? null : string.Create(CultureInfo.InvariantCulture, $"GET {target.Path}: HTTP {code}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException)
        {
            return e.Message;
        }
    }

    public void Dispose() => client.Dispose();
}
