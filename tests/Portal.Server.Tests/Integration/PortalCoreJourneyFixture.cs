using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Server.Apis.Deployments;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>
/// The state <see cref="PortalCoreJourneyTests"/> builds step by step: one real server over one data directory (started
/// again after the kill), the users' session cookies (kept across that restart) and the ids the steps created.
/// </summary>
public sealed class PortalCoreJourneyFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private readonly Dictionary<string, CookieContainer> _sessions = new(StringComparer.Ordinal);
    private readonly List<HttpClient> _clients = [];

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("portal-journey-").FullName;

    public string DataDirectory => Path.Combine(Directory, "data");

    public string DatabasePath => Path.Combine(DataDirectory, "portal.db");

    internal PortalServerProcess? Server { get; private set; }

    public Uri Address { get; private set; } = null!;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public int DemoVendorId { get; set; }

    public int OtherVendorId { get; set; }

    public int BlueTeamId { get; set; }

    public int RedTeamId { get; set; }

    /// <summary>Appliance version ids by "title version" ("Greeter 1.0.0").</summary>
    public Dictionary<string, int> Versions { get; } = new(StringComparer.Ordinal);

    public DeploymentResponse? Greeter { get; set; }

    public DeploymentResponse? Notes { get; set; }

    internal async Task<PortalServerProcess> StartAsync()
    {
        Server = await PortalServerProcess.StartAsync(DataDirectory);
        Address = await Server.GetHttpAddressAsync();
        return Server;
    }

    internal PortalServerProcess RequireServer() =>
        Server ?? throw new InvalidOperationException("the server is not running: an earlier step of the journey failed");

    /// <summary>A client for <paramref name="user"/> against the current server, with that user's cookies (a new user gets an empty jar).</summary>
    public HttpClient As(string user)
    {
        if (!_sessions.TryGetValue(user, out var cookies))
        {
            _sessions[user] = cookies = new CookieContainer();
        }

        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Address };
        _clients.Add(client);
        return client;
    }

    /// <summary>A live-hub connection for <paramref name="user"/> over WebSockets with that user's session cookie.</summary>
    public Task<HubConnection> HubAsync(string user) =>
        _sessions.TryGetValue(user, out var cookies)
            ? LiveHubClient.ConnectAsync(Address, cookies)
            : throw new InvalidOperationException($"{user} never logged in");

    /// <summary>A client without cookies.</summary>
    public HttpClient Anonymous()
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Address };
        _clients.Add(client);
        return client;
    }

    public async Task<HttpClient> LoginAsync(string user)
    {
        var client = As(user);
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = user, password = Password }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login of {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return client;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await RemoveDeploymentsAsync();
            await PortalServerFixture.RemoveAllContainersAsync(Server);
            await Server.DisposeAsync();
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await HostNetworkCleanup.ReleaseAsync(Directory);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Removed through the API with their data, so the reconciler takes containers, networks and volumes away and recreates nothing.</summary>
    private async Task RemoveDeploymentsAsync()
    {
        if (!_sessions.TryGetValue(PortalCoreJourneyTests.Admin, out var cookies))
        {
            return;
        }

        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Address };
        try
        {
            var deployments = await admin.GetFromJsonAsync<List<DeploymentResponse>>("/api/v1/deployments", PortalApiFactory.Json, CancellationToken.None) ?? [];
            foreach (var deployment in deployments)
            {
                await admin.DeleteAsync($"/api/v1/teams/{deployment.TeamId}/deployments/{deployment.Id}?deleteData=true", CancellationToken.None);
            }
        }
        catch (HttpRequestException)
        {
        }
    }
}
