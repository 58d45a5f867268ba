using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Portal.Client.Services;

public static class PortalClientServices
{
    /// <summary>The app's services: the API client over the server's origin (cookies go with same-origin fetches), the
    /// session state, the live hub connection, theme preference, MudBlazor.</summary>
    public static IServiceCollection AddPortalClient(this IServiceCollection services, Uri baseAddress)
    {
        services.AddMudServices();
        services.AddScoped(_ => new HttpClient { BaseAddress = baseAddress });
        services.AddScoped<PortalApi>();
        services.AddScoped<SessionState>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<SessionState>());
        services.AddAuthorizationCore();
        services.AddCascadingAuthenticationState();
        services.AddScoped<LiveConnection>(sp => new LiveConnection(new Uri(baseAddress, "hubs/live")));
        services.AddScoped<ILiveStreams>(sp => sp.GetRequiredService<LiveConnection>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
