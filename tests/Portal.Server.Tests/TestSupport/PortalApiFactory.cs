using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Server.Apis.Docker;
using Portal.Server.Apis.Users;
using Portal.Server.Extensions;

namespace Portal.Server.Tests.TestSupport;

/// <summary>
/// The real server in memory over a temporary data directory, without the engine's hosted services (the
/// engine needs root and changes host networking; the API core does not use it). Settings override
/// configuration, e.g. ("Portal:Auth:UserLockoutThreshold", "3").
/// </summary>
internal sealed class PortalApiFactory(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    public const string AdminName = "first-admin";
    public const string Password = "correct horse battery staple";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("portal-api-").FullName;

    public string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Replaces services after the server's own wiring, e.g. the engine's interfaces with fakes.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public string SetupTokenFile => Path.Combine(DataDirectory, "setup-token");

    public string ReadSetupToken()
    {
        _ = Server; // starts the host, which issues the token
        return File.ReadAllText(SetupTokenFile).Trim();
    }

    /// <summary>Runs first-run setup and returns a client logged in as the first admin.</summary>
    public async Task<HttpClient> CreateAdminClientAsync()
    {
        var client = CreateClient();
        var setup = await client.PostAsJsonAsync("/api/v1/setup",
            new { token = ReadSetupToken(), username = AdminName, password = Password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        await LoginAsync(client, AdminName, Password);
        return client;
    }

    public async Task<HttpClient> LoginClientAsync(string username, string password = Password)
    {
        var client = CreateClient();
        await LoginAsync(client, username, password);
        return client;
    }

    public static async Task LoginAsync(HttpClient client, string username, string password)
    {
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password }, TestContext.Current.CancellationToken);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login as {username}: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    public static async Task<UserResponse> CreateUserAsync(HttpClient admin, string username, string role = "user", string? vendor = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, role, vendor }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<UserResponse>(Json, TestContext.Current.CancellationToken))!;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json, TestContext.Current.CancellationToken))!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        WithoutEngine(builder);
        if (TestServices is { } replace)
        {
            builder.ConfigureTestServices(replace);
        }
    }

    /// <summary>The hosted services that start or read the engine.</summary>
    private static readonly Type[] EngineUsers =
    [
        typeof(EngineLifetime), typeof(DockerApiHost), typeof(Portal.Server.Metrics.MetricsSampler),
        typeof(Portal.Server.Deployments.DeploymentReconcilerService), typeof(Portal.Server.Deployments.Health.DeploymentHealthService),
        typeof(Portal.Server.Catalogues.DemoSeedService),
    ];

    /// <summary>Removes the hosted services that use the engine, so it never starts; nothing of the API core resolves it.</summary>
    public static void WithoutEngine(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            var engineParts = services.Where(d => d.ServiceType == typeof(IHostedService) && EngineUsers.Contains(d.ImplementationType)).ToList();
            Assert.True(engineParts.Count == EngineUsers.Length, "the engine's hosted services were not all found: the factory would start the real engine");
            foreach (var descriptor in engineParts)
            {
                services.Remove(descriptor);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
