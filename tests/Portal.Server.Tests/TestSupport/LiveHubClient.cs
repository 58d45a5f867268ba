using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace Portal.Server.Tests.TestSupport;

/// <summary>SignalR connections to /hubs/live as a signed-in user: in memory (TestServer) or over the network.</summary>
internal static class LiveHubClient
{
    /// <summary>Logs in over <paramref name="server"/>'s handler and connects with the session cookie over an in-memory WebSocket.</summary>
    public static async Task<HubConnection> ConnectAsync(TestServer server, string username, string password = PortalApiFactory.Password)
    {
        var cookie = await LoginCookieAsync(server, username, password);
        var sockets = server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers.Cookie = cookie;
        return await StartAsync(new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "/hubs/live"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.WebSocketFactory = async (context, cancellationToken) => await sockets.ConnectAsync(context.Uri, cancellationToken);
        }));
    }

    /// <summary>A connection to a running server over WebSockets, sending the cookies of <paramref name="cookies"/>.</summary>
    public static Task<HubConnection> ConnectAsync(Uri server, CookieContainer cookies) =>
        StartAsync(new HubConnectionBuilder().WithUrl(new Uri(server, "/hubs/live"), options =>
        {
            options.Cookies = cookies;
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        }));

    public static async Task<string> LoginCookieAsync(TestServer server, string username, string password)
    {
        using var client = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password }, TestContext.Current.CancellationToken);
        Assert.True(login.IsSuccessStatusCode, $"login as {username}: {(int)login.StatusCode}");
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.session=", StringComparison.Ordinal));
        return session[..session.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>Reads until <paramref name="count"/> items arrived, or fails naming what did.</summary>
    public static async Task<List<T>> TakeAsync<T>(IAsyncEnumerable<T> stream, int count, TimeSpan within)
    {
        var items = new List<T>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within);
        try
        {
            await foreach (var item in stream.WithCancellation(timeout.Token))
            {
                items.Add(item);
                if (items.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{items.Count} of {count} items arrived within {within}: {string.Join(", ", items)}");
        }

        return items;
    }

    private static async Task<HubConnection> StartAsync(IHubConnectionBuilder builder)
    {
        var connection = builder.Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
