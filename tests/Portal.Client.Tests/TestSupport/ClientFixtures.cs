using Microsoft.Extensions.DependencyInjection;
using Portal.Client.Services;

namespace Portal.Client.Tests.TestSupport;

public static class ClientFixtures
{
    /// <summary>Registers <see cref="PortalApi"/> and <see cref="SessionState"/> over a new <see cref="FakeHttpHandler"/>, as the app does over the server.</summary>
    public static FakeHttpHandler AddFakeApi(this IServiceCollection services)
    {
        var handler = new FakeHttpHandler();
        services.AddSingleton(handler.Client());
        services.AddScoped<PortalApi>();
        services.AddScoped<SessionState>();
        return handler;
    }

    /// <summary>
    /// Registers a <see cref="FakeLiveStreams"/> as the pages' hub and, with <paramref name="fakeClock"/>, its clock as
    /// their <see cref="TimeProvider"/>. MudBlazor's input debounce runs on that clock too: components with a debounced
    /// search box need the real one.
    /// </summary>
    public static FakeLiveStreams AddFakeLive(this IServiceCollection services, bool fakeClock = true)
    {
        var live = new FakeLiveStreams();
        services.AddSingleton<ILiveStreams>(live);
        if (fakeClock)
        {
            services.AddSingleton<TimeProvider>(live.Time);
        }

        return live;
    }

    public static DeploymentUsageResponse Usage(string name, double? cpu, ulong memory = 0, string team = "blue") =>
        new(Guid.NewGuid(), name, 1, team, "Notes", "1.0.0", "Running",
            cpu is { } c ? new DeploymentMetrics(Guid.Empty, DateTimeOffset.UnixEpoch, 1, c, memory, 1UL << 30, 0, 0, 0, 0, 1) : null);
}
