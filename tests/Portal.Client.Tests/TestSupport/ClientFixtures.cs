using Portal.Client.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Portal.Client.Services;

namespace Portal.Client.Tests.TestSupport;

/// <summary>Registers <see cref="PortalApi"/> over a <see cref="FakeHttpHandler"/> in a test's services.</summary>
public static class ClientFixtures
{
    public static FakeHttpHandler AddFakeApi(this IServiceCollection services)
    {
        var handler = new FakeHttpHandler();
        services.AddSingleton(new HttpClient(handler) { BaseAddress = FakeHttpHandler.BaseAddress });
        services.AddSingleton<PortalApi>();
        return handler;
    }

    public static DeploymentUsageResponse Usage(string name, double? cpu, ulong memory = 0, string team = "blue") =>
        new(Guid.NewGuid(), name, 1, team, "Notes", "1.0.0", "Running",
            cpu is { } c ? new DeploymentMetrics(Guid.Empty, DateTimeOffset.UnixEpoch, 1, c, memory, 1UL << 30, 0, 0, 0, 0, 1) : null);
}
