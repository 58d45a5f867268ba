using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Data.Entities;
using Portal.Server.Deployments;
using Portal.Server.Metrics;
using Portal.Server.Security;

namespace Portal.Server.Apis.Metrics;

/// <summary>
/// Metrics history (docs/metrics.md): the host's for admins, a deployment's for its team. `range` is 1h, 24h or 30d
/// (each ending now), or `from` and `to` give the window; 10-second or 5-minute points as the span asks.
/// </summary>
public static class MetricsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/metrics/host", HostAsync).WithTags("Metrics").RequireAdmin().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/teams/{teamId:int}/deployments/{id:guid}/metrics", DeploymentAsync).WithTags("Metrics")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<MetricHistoryResponse>> HostAsync(
        string? range, DateTimeOffset? from, DateTimeOffset? to, MetricsHistoryService history, CancellationToken cancellationToken) =>
        TypedResults.Ok(ContractMapping.From(await QueryAsync(history, MetricSeries.Host, range, from, to, cancellationToken)));

    public static async Task<Ok<MetricHistoryResponse>> DeploymentAsync(
        int teamId, Guid id, string? range, DateTimeOffset? from, DateTimeOffset? to, HttpContext context,
        DeploymentService deployments, MetricsHistoryService history, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId);
        // Not found unless the deployment is the team's: a member never reads another team's history by its id.
        var deployment = await deployments.GetAsync(teamId, id, cancellationToken);
        return TypedResults.Ok(ContractMapping.From(await QueryAsync(history, MetricSeries.ForDeployment(deployment.Id), range, from, to, cancellationToken)));
    }

    private static Task<MetricHistory> QueryAsync(
        MetricsHistoryService history, string series, string? range, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        if (from is not null || to is not null)
        {
            if (range is not null)
            {
                throw new MetricsQueryException("range: give either range or from and to, not both", nameof(range));
            }

            return from is null || to is null
                ? throw new MetricsQueryException($"{(from is null ? "from" : "to")}: required with {(from is null ? "to" : "from")}", from is null ? nameof(from) : nameof(to))
                : history.QueryAsync(series, from.Value, to.Value, cancellationToken);
        }

        var preset = range switch
        {
            null or "1h" => MetricsPreset.LastHour,
            "24h" => MetricsPreset.Last24Hours,
            "30d" => MetricsPreset.Last30Days,
            _ => throw new MetricsQueryException($"range: \"{range}\" is not one of 1h, 24h, 30d", nameof(range)),
        };
        return history.QueryAsync(series, preset, cancellationToken);
    }
}
