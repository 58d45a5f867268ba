using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Audit;
using Portal.Server.Security;

namespace Portal.Server.Apis.Teams;

/// <summary>Team members: members read the list; admins and the team's owners add, change and remove.</summary>
public static class MembershipsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var members = api.MapGroup("/teams/{teamId:int}/members").WithTags("Teams");
        members.MapGet("", ListAsync).ProducesProblem(StatusCodes.Status404NotFound);
        members.MapPut("/{userId:int}", SetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        members.MapDelete("/{userId:int}", RemoveAsync).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<List<MemberResponse>>, ProblemHttpResult>> ListAsync(
        int teamId, HttpContext context, PortalDbContext db, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId);
        if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            return Problems.NotFound("team", teamId);
        }

        var members = await db.Memberships.AsNoTracking().Where(m => m.TeamId == teamId)
            .OrderBy(m => m.User!.Username)
            .Select(m => new MemberResponse(m.UserId, m.User!.Username, m.User.DisplayName, PortalClaims.RoleName(m.Role), m.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(members);
    }

    /// <summary>Adds the user to the team, or changes the user's role in it.</summary>
    public static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        int teamId, int userId, SetMembershipRequest request, HttpContext context, PortalDbContext db, IAuditLog audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId, TeamRole.Owner);
        var errors = new ValidationErrors();
        var roleName = request.Role ?? "member";
        if (!PortalClaims.TryParseRole(roleName, out var role))
        {
            errors.Add("role", $"role must be \"member\" or \"owner\", not \"{roleName}\".");
            return errors.ToResult();
        }

        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("team", teamId);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("user", userId);
        }

        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            membership = new Membership { TeamId = teamId, UserId = userId, CreatedAt = time.GetUtcNow() };
            db.Memberships.Add(membership);
        }

        membership.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.MembershipSet, AuditTargets.Team, Id(teamId),
            new { team = team.Name, userId, username = user.Username, role = roleName }), cancellationToken);
        return TypedResults.Ok(new MemberResponse(userId, user.Username, user.DisplayName, PortalClaims.RoleName(role), membership.CreatedAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        int teamId, int userId, HttpContext context, PortalDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        context.User.RequireTeamMember(teamId, TeamRole.Owner);
        var membership = await db.Memberships.Include(m => m.User).Include(m => m.Team)
            .FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return TypedResults.Problem($"User {userId} is not a member of team {teamId}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.MembershipRemove, AuditTargets.Team, Id(teamId),
            new { team = membership.Team!.Name, userId, username = membership.User!.Username }), cancellationToken);
        return TypedResults.NoContent();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
