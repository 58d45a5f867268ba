using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Apis.Users;
using Portal.Server.Audit;
using Portal.Server.Extensions;
using Portal.Server.Security;
using Portal.Server.Apis;

namespace Portal.Server.Apis.Setup;

/// <summary>First run: the one-time setup token creates the first admin (docs/security.md).</summary>
public static class SetupApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        // Tells the web app whether to offer first-run setup; true only until the first admin exists.
        api.MapGet("/setup", async (PortalDbContext db, CancellationToken cancellationToken) =>
                TypedResults.Ok(new SetupStatusResponse(!await db.Users.AnyAsync(u => u.IsAdmin, cancellationToken))))
            .WithTags("Setup").AllowAnonymous();
        api.MapPost("/setup", SetupAsync).WithTags("Setup").AllowAnonymous().RequireRateLimiting(AuthServiceExtensions.AuthRateLimit)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> SetupAsync(
        SetupRequest request,
        PortalDbContext db,
        Passwords passwords,
        SetupTokenService setup,
        IAuditLog audit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.IsAdmin, cancellationToken))
        {
            return Problems.Conflict("Portal is already set up: an admin exists. Log in instead.");
        }

        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            errors.Add("token", "token is required: it is printed in the server log and stored in <data>/setup-token.");
        }

        UserValidation.CheckCredentials(errors, request.Username, request.Password);
        UserValidation.CheckDisplayName(errors, request.DisplayName);
        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        var now = time.GetUtcNow();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (transaction)
        {
            // Consumed and the admin created in one transaction: a failure leaves the token usable.
            if (!await db.TryConsumeAsync(SetupTokenService.Hash(request.Token!.Trim()), now, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                await audit.RecordAsync(new AuditRecord(AuditActions.SetupFailed) { Actor = AuditActor.System("setup") }, cancellationToken);
                return Problems.Forbidden("The setup token is wrong or was already used.");
            }

            var user = new User { Username = request.Username!, PasswordHash = "", DisplayName = request.DisplayName, IsAdmin = true, CreatedAt = now };
            user.PasswordHash = passwords.Hash(user, request.Password!);
            db.Users.Add(user);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            setup.RemoveTokenFile();
            await audit.RecordAsync(
                new AuditRecord(AuditActions.SetupCompleted, AuditTargets.User, user.Id.ToString(CultureInfo.InvariantCulture), new { username = user.Username })
                {
                    Actor = AuditActor.System("setup"),
                },
                cancellationToken);
            var response = ContractMapping.From(user);
            return TypedResults.Created($"/api/v1/users/{user.Id}", response);
        }
    }
}
