using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Audit;
using Portal.Server.Security;

namespace Portal.Server.Apis.Teams;

/// <summary>Teams and quotas: admins manage them; members read their own teams.</summary>
public static class TeamsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("", ListAsync);
        teams.MapGet("/{id:int}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        teams.MapPost("", CreateAsync).RequireAdmin().ProducesProblem(StatusCodes.Status409Conflict);
        teams.MapPut("/{id:int}/quotas", UpdateQuotasAsync).RequireAdmin()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        teams.MapDelete("/{id:int}", DeleteAsync).RequireAdmin()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Admins see every team, anyone else the teams they belong to.</summary>
    public static async Task<Ok<List<TeamResponse>>> ListAsync(HttpContext context, PortalDbContext db, CancellationToken cancellationToken)
    {
        var teams = db.Teams.AsQueryable();
        if (!context.User.IsAdmin())
        {
            var userId = context.User.GetUserId();
            teams = teams.Where(t => t.Memberships.Any(m => m.UserId == userId));
        }

        return TypedResults.Ok(await Project(teams.OrderBy(t => t.Name)).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> GetAsync(
        int id, HttpContext context, PortalDbContext db, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(id);
        return await FindAsync(db, id, cancellationToken) is { } team ? TypedResults.Ok(team) : Problems.NotFound("team", id);
    }

    public static async Task<Results<Created<TeamResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTeamRequest request, PortalDbContext db, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.AddIf("name", NameRules.Check(request.Name));
        TeamQuotas.Check(errors, request.MemoryQuotaBytes, request.Cpus, request.MaxDeployments);
        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        if (await db.Teams.AnyAsync(t => t.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A team named \"{request.Name}\" already exists.");
        }

        var team = new Team
        {
            Name = request.Name!,
            MemoryQuotaBytes = request.MemoryQuotaBytes,
            NanoCpusQuota = TeamQuotas.ToNanoCpus(request.Cpus),
            MaxDeployments = request.MaxDeployments,
            CreatedAt = time.GetUtcNow(),
        };
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.TeamCreate, AuditTargets.Team, Id(team.Id),
            new { name = team.Name, request.MemoryQuotaBytes, request.Cpus, request.MaxDeployments }), cancellationToken);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", (await FindAsync(db, team.Id, cancellationToken))!);
    }

    public static async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> UpdateQuotasAsync(
        int id, UpdateTeamQuotasRequest request, PortalDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        TeamQuotas.Check(errors, request.MemoryQuotaBytes, request.Cpus, request.MaxDeployments);
        if (request.Version is null)
        {
            errors.Add("version", "version is required: send the team's version as read, so a concurrent change is not overwritten.");
        }

        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("team", id);
        }

        // The version the client read is the one the UPDATE must still find; a change in between fails it.
        db.Entry(team).Property(t => t.Version).OriginalValue = request.Version!.Value;
        var before = new { team.MemoryQuotaBytes, Cpus = TeamQuotas.ToCpus(team.NanoCpusQuota), team.MaxDeployments };
        team.MemoryQuotaBytes = request.MemoryQuotaBytes;
        team.NanoCpusQuota = TeamQuotas.ToNanoCpus(request.Cpus);
        team.MaxDeployments = request.MaxDeployments;
        db.Entry(team).Property(t => t.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict($"Team {id} was changed since version {request.Version}; read it again and retry.");
        }

        await audit.RecordAsync(new AuditRecord(AuditActions.TeamUpdateQuotas, AuditTargets.Team, Id(team.Id),
            new { name = team.Name, before, after = new { request.MemoryQuotaBytes, request.Cpus, request.MaxDeployments } }), cancellationToken);
        return TypedResults.Ok((await FindAsync(db, id, cancellationToken))!);
    }

    /// <summary>Only a team without deployments can go; its memberships go with it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int id, PortalDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("team", id);
        }

        var deployments = await db.Deployments.CountAsync(d => d.TeamId == id, cancellationToken);
        if (deployments > 0)
        {
            return Problems.Conflict($"Team \"{team.Name}\" still has {deployments} deployment(s); remove them first.");
        }

        db.Teams.Remove(team);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.TeamDelete, AuditTargets.Team, Id(id), new { name = team.Name }), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<TeamResponse?> FindAsync(PortalDbContext db, int id, CancellationToken cancellationToken) =>
        Project(db.Teams.AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(cancellationToken);

    private static IQueryable<TeamResponse> Project(IQueryable<Team> teams) =>
        teams.Select(t => new TeamResponse(
            t.Id,
            t.Name,
            t.MemoryQuotaBytes,
            t.NanoCpusQuota == null ? null : t.NanoCpusQuota / 1e9,
            t.MaxDeployments,
            t.Version,
            t.CreatedAt,
            t.Memberships.Count,
            t.Deployments.Count));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
