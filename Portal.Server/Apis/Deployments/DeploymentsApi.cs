using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Audit;
using Portal.Server.Deployments;
using Portal.Server.Security;
using Portal.Server.Apis;

namespace Portal.Server.Apis.Deployments;

/// <summary>
/// Deployments of a team (docs/deployments.md): members of the team deploy and operate them, admins any. Every
/// operation is a desired-state change the reconciler converges; errors are ProblemDetails naming what is wrong.
/// </summary>
public static class DeploymentsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/deployments", ListMineAsync).WithTags("Deployments");
        var team = api.MapGroup("/teams/{teamId:int}/deployments").WithTags("Deployments")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        team.MapGet("", ListAsync);
        team.MapPost("", DeployAsync).ProducesValidationProblem();
        team.MapGet("/{id:guid}", GetAsync);
        team.MapGet("/{id:guid}/events", EventsAsync);
        team.MapPost("/{id:guid}/start", (int teamId, Guid id, DeploymentOperationBody? body, HttpContext context, DeploymentService service, IAuditLog audit, CancellationToken ct) =>
            OperateAsync(teamId, id, AuditActions.DeploymentStart, context, audit, () => service.StartAsync(teamId, id, body?.Version, ct), service, ct));
        team.MapPost("/{id:guid}/stop", (int teamId, Guid id, DeploymentOperationBody? body, HttpContext context, DeploymentService service, IAuditLog audit, CancellationToken ct) =>
            OperateAsync(teamId, id, AuditActions.DeploymentStop, context, audit, () => service.StopAsync(teamId, id, body?.Version, ct), service, ct));
        team.MapPost("/{id:guid}/restart", (int teamId, Guid id, DeploymentOperationBody? body, HttpContext context, DeploymentService service, IAuditLog audit, CancellationToken ct) =>
            OperateAsync(teamId, id, AuditActions.DeploymentRestart, context, audit, () => service.RestartAsync(teamId, id, body?.Version, ct), service, ct));
        team.MapPost("/{id:guid}/rollback", (int teamId, Guid id, DeploymentOperationBody? body, HttpContext context, DeploymentService service, IAuditLog audit, CancellationToken ct) =>
            OperateAsync(teamId, id, AuditActions.DeploymentRollback, context, audit, () => service.RollbackAsync(teamId, id, body?.Version, ct), service, ct));
        team.MapPost("/{id:guid}/upgrade", UpgradeAsync).ProducesValidationProblem();
        team.MapDelete("/{id:guid}", RemoveAsync);
    }

    /// <summary>Every deployment of the caller's teams (admins: all), newest first.</summary>
    public static async Task<Ok<List<DeploymentResponse>>> ListMineAsync(
        HttpContext context, PortalDbContext db, DeploymentService service, CancellationToken cancellationToken)
    {
        var deployments = db.Deployments.AsNoTracking().Include(d => d.ApplianceVersion).AsQueryable();
        if (!context.User.IsAdmin())
        {
            var teams = context.User.GetTeams().Keys.ToList();
            deployments = deployments.Where(d => teams.Contains(d.TeamId));
        }

        var list = await deployments.ToListAsync(cancellationToken);
        return TypedResults.Ok(await ResponsesAsync([.. list.OrderByDescending(d => d.CreatedAt)], context, service, cancellationToken));
    }

    public static async Task<Ok<List<DeploymentResponse>>> ListAsync(
        int teamId, HttpContext context, DeploymentService service, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId);
        var list = await service.ListAsync(teamId, cancellationToken);
        return TypedResults.Ok(await ResponsesAsync(list, context, service, cancellationToken));
    }

    public static async Task<Ok<DeploymentResponse>> GetAsync(
        int teamId, Guid id, HttpContext context, DeploymentService service, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId);
        return TypedResults.Ok(await ResponseAsync(await service.GetAsync(teamId, id, cancellationToken), context, service, cancellationToken));
    }

    public static async Task<Ok<List<DeploymentEventResponse>>> EventsAsync(
        int teamId, Guid id, HttpContext context, DeploymentService service, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId);
        var events = await service.EventsAsync(teamId, id, cancellationToken);
        return TypedResults.Ok(events.Select(e => new DeploymentEventResponse(e.At, e.Kind, e.Message)).ToList());
    }

    public static async Task<Results<Created<DeploymentResponse>, ValidationProblem>> DeployAsync(
        int teamId, DeployBody body, HttpContext context, DeploymentService service, IAuditLog audit, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId);
        var errors = new ValidationErrors();
        errors.AddIf("name", string.IsNullOrWhiteSpace(body.Name) ? "a name is required" : null);
        errors.AddIf("applianceVersionId", body.ApplianceVersionId <= 0 ? "an appliance version id is required" : null);
        errors.AddIf("memoryLimitBytes", body.MemoryLimitBytes is <= 0 ? "must be positive" : null);
        errors.AddIf("cpus", body.Cpus is <= 0 or > 1024 ? "must be between 0 and 1024" : null);
        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        var deployment = await service.DeployAsync(
            new DeployRequest(teamId, body.ApplianceVersionId, body.Name!.Trim(), body.Config)
            {
                UserId = context.User.GetUserId(),
                MemoryLimitBytes = body.MemoryLimitBytes,
                NanoCpus = body.Cpus is { } cpus ? (long)Math.Round(cpus * 1e9) : null,
            },
            cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.DeploymentCreate, AuditTargets.Deployment, Id(deployment),
            new { teamId, deployment.Name, body.ApplianceVersionId, body.MemoryLimitBytes, body.Cpus }), cancellationToken);
        var created = await service.GetAsync(teamId, deployment.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/teams/{teamId}/deployments/{deployment.Id}", await ResponseAsync(created, context, service, cancellationToken));
    }

    public static async Task<Results<Ok<DeploymentResponse>, ValidationProblem>> UpgradeAsync(
        int teamId, Guid id, DeploymentOperationBody body, HttpContext context, DeploymentService service, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (body.TargetVersionId is not > 0)
        {
            var errors = new ValidationErrors();
            errors.AddIf("targetVersionId", "the appliance version to upgrade to is required");
            return errors.ToResult();
        }

        return await OperateAsync(teamId, id, AuditActions.DeploymentUpgrade, context, audit,
            () => service.UpgradeAsync(teamId, id, body.TargetVersionId.Value, body.Version, cancellationToken), service, cancellationToken,
            new { targetVersionId = body.TargetVersionId });
    }

    /// <summary>DELETE ?deleteData=true also removes its volumes; without it they stay for a later deployment.</summary>
    public static async Task<NoContent> RemoveAsync(
        int teamId, Guid id, bool? deleteData, long? version, HttpContext context, DeploymentService service, IAuditLog audit, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId);
        await service.RemoveAsync(teamId, id, deleteData ?? false, version, cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.DeploymentRemove, AuditTargets.Deployment, id.ToString(),
            new { teamId, deleteData = deleteData ?? false }), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DeploymentResponse>> OperateAsync(
        int teamId, Guid id, string action, HttpContext context, IAuditLog audit, Func<Task<Deployment>> operation, DeploymentService service,
        CancellationToken cancellationToken, object? details = null)
    {
        context.User.RequireTeamMember(teamId);
        var deployment = await operation();
        await audit.RecordAsync(new AuditRecord(action, AuditTargets.Deployment, Id(deployment), details ?? new { teamId }), cancellationToken);
        return TypedResults.Ok(await ResponseAsync(await service.GetAsync(teamId, id, cancellationToken), context, service, cancellationToken));
    }

    private static async Task<DeploymentResponse> ResponseAsync(Deployment deployment, HttpContext context, DeploymentService service, CancellationToken cancellationToken) =>
        (await ResponsesAsync([deployment], context, service, cancellationToken))[0];

    /// <summary>The responses with each deployment's appliance and its newest version (one query for the whole list).</summary>
    private static async Task<List<DeploymentResponse>> ResponsesAsync(
        IReadOnlyList<Deployment> deployments, HttpContext context, DeploymentService service, CancellationToken cancellationToken)
    {
        var lineages = await service.LineagesAsync(deployments.Select(d => d.ApplianceVersionId), cancellationToken);
        return [.. deployments.Select(d => ContractMapping.From(d, service.WebUiUrl(d, context.Request.Host.Host), lineages.GetValueOrDefault(d.ApplianceVersionId)))];
    }

    private static string Id(Deployment deployment) => deployment.Id.ToString("D", CultureInfo.InvariantCulture);
}
