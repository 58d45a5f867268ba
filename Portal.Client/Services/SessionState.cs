using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Client.Services;

/// <summary>
/// Who is signed in, from GET /api/v1/auth/me (the session cookie is HttpOnly: the app never sees it). Roles become
/// claims so pages use [Authorize(Roles = "admin")] and AuthorizeView; the server enforces every rule again.
/// </summary>
public sealed class SessionState(PortalApi api) : AuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private Task<AuthenticationState>? _state;

    public MeResponse? Me { get; private set; }

    public bool IsAdmin => Me?.Roles.Contains("admin") == true;

    public bool IsVendor => Me?.Roles.Contains("vendor") == true;

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state ??= LoadAsync();

    public async Task LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        var me = await api.PostAsync<MeResponse>("api/v1/auth/login", new LoginRequest(username, password), cancellationToken);
        Set(me);
    }

    public async Task SetupAsync(SetupRequest request, CancellationToken cancellationToken)
    {
        await api.PostAsync<UserResponse>("api/v1/setup", request, cancellationToken);
        await LoginAsync(request.Username ?? "", request.Password ?? "", cancellationToken);
    }

    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        try
        {
            await api.PostAsync("api/v1/auth/logout", new { }, cancellationToken);
        }
        finally
        {
            Set(null);
        }
    }

    /// <summary>Asks the server again (after a 401 from any call, or a membership change).</summary>
    public void Refresh()
    {
        _state = LoadAsync();
        NotifyAuthenticationStateChanged(_state);
    }

    private void Set(MeResponse? me)
    {
        Me = me;
        _state = Task.FromResult(me is null ? Anonymous : new AuthenticationState(Principal(me)));
        NotifyAuthenticationStateChanged(_state);
    }

    private async Task<AuthenticationState> LoadAsync()
    {
        try
        {
            Me = await api.GetAsync<MeResponse>("api/v1/auth/me", CancellationToken.None);
            return new AuthenticationState(Principal(Me));
        }
        catch (ApiException e) when (e.Status is HttpStatusCode.Unauthorized or HttpStatusCode.ServiceUnavailable)
        {
            Me = null;
            return Anonymous;
        }
    }

    public static ClaimsPrincipal Principal(MeResponse me)
    {
        ArgumentNullException.ThrowIfNull(me);
        var claims = new List<Claim> { new(ClaimTypes.Name, me.Username), new(ClaimTypes.NameIdentifier, me.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        claims.AddRange(me.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "portal"));
    }
}
