using Portal.Server.Apis.Audit;
using Portal.Server.Apis.Auth;
using Portal.Server.Apis.Catalogues;
using Portal.Server.Apis.Deployments;
using Portal.Server.Apis.Metrics;
using Portal.Server.Apis.Setup;
using Portal.Server.Apis.Teams;
using Portal.Server.Apis.Users;
using Portal.Server.Apis.Vendors;

namespace Portal.Server.Apis;

public static class PortalApi
{
    /// <summary>
    /// /api/v1. Every endpoint needs a signed-in user (the fallback policy) unless it says AllowAnonymous;
    /// tests/Portal.Server.Tests/Api/EndpointAuthorizationTests checks that only login, setup, health and
    /// OpenAPI do.
    /// </summary>
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        AuthApi.Map(api);
        SetupApi.Map(api);
        UsersApi.Map(api);
        TeamsApi.Map(api);
        MembershipsApi.Map(api);
        VendorsApi.Map(api);
        AuditApi.Map(api);
        DeploymentsApi.Map(api);
        CataloguesApi.Map(api);
        VendorCataloguesApi.Map(api);
        MetricsApi.Map(api);
        DeploymentUsageApi.Map(api);
        return app;
    }
}
