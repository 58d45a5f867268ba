using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Audit;
using Portal.Server.Security;
using Portal.Server.Apis;

namespace Portal.Server.Apis.Users;

/// <summary>User administration (admins only). Disabling a user or resetting a password ends the user's sessions.</summary>
public static class UsersApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAdmin();
        users.MapGet("", ListAsync);
        users.MapGet("/{id:int}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id:int}/disable", DisableAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id:int}/enable", EnableAsync).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:int}/password", ResetPasswordAsync).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<List<UserResponse>>> ListAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var users = await WithDetails(db).OrderBy(u => u.Username).ToListAsync(cancellationToken);
        return TypedResults.Ok(users.ConvertAll(ContractMapping.From));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(int id, PortalDbContext db, CancellationToken cancellationToken) =>
        await WithDetails(db).FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is { } user
            ? TypedResults.Ok(ContractMapping.From(user))
            : Problems.NotFound("user", id);

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, PortalDbContext db, Passwords passwords, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        UserValidation.CheckCredentials(errors, request.Username, request.Password);
        UserValidation.CheckDisplayName(errors, request.DisplayName);
        var role = request.Role ?? "user";
        Vendor? vendor = null;
        switch (role)
        {
            case "admin" or "user":
                if (request.Vendor is not null)
                {
                    errors.Add("vendor", $"vendor is only allowed with role \"vendor\", not \"{role}\".");
                }

                break;
            case "vendor":
                vendor = string.IsNullOrWhiteSpace(request.Vendor)
                    ? null
                    : await db.Vendors.FirstOrDefaultAsync(v => v.Name == request.Vendor, cancellationToken);
                if (vendor is null)
                {
                    errors.Add("vendor", string.IsNullOrWhiteSpace(request.Vendor)
                        ? "vendor is required for role \"vendor\": name an existing vendor."
                        : $"vendor \"{request.Vendor}\" does not exist: create it with POST /api/v1/vendors first.");
                }

                break;
            default:
                errors.Add("role", $"role must be \"admin\", \"vendor\" or \"user\", not \"{role}\".");
                break;
        }

        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        if (await db.Users.AnyAsync(u => u.Username == request.Username, cancellationToken))
        {
            return Problems.Conflict($"A user named \"{request.Username}\" already exists.");
        }

        var user = new User
        {
            Username = request.Username!,
            PasswordHash = "",
            DisplayName = request.DisplayName,
            IsAdmin = role == "admin",
            Vendor = vendor,
            CreatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = passwords.Hash(user, request.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.UserCreate, AuditTargets.User, Id(user),
            new { username = user.Username, role, vendor = vendor?.Name }), cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", ContractMapping.From(user));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> DisableAsync(
        int id, PortalDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var user = await WithDetails(db).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("user", id);
        }

        if (user.IsAdmin && !user.Disabled && !await db.Users.AnyAsync(u => u.IsAdmin && !u.Disabled && u.Id != id, cancellationToken))
        {
            return Problems.Conflict($"User \"{user.Username}\" is the last enabled admin; enable or create another admin first.");
        }

        user.Disabled = true;
        user.SecurityStamp = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.UserDisable, AuditTargets.User, Id(user), new { username = user.Username }), cancellationToken);
        return TypedResults.Ok(ContractMapping.From(user));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> EnableAsync(
        int id, PortalDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var user = await WithDetails(db).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("user", id);
        }

        user.Disabled = false;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.UserEnable, AuditTargets.User, Id(user), new { username = user.Username }), cancellationToken);
        return TypedResults.Ok(ContractMapping.From(user));
    }

    /// <summary>Sets a new password, ends the user's sessions and lifts a lockout.</summary>
    public static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> ResetPasswordAsync(
        int id, ResetPasswordRequest request, PortalDbContext db, Passwords passwords, IAuditLog audit, CancellationToken cancellationToken)
    {
        var user = await WithDetails(db).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("user", id);
        }

        var errors = new ValidationErrors();
        errors.AddIf("password", PasswordPolicy.CheckPassword(request.Password, user.Username));
        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        user.PasswordHash = passwords.Hash(user, request.Password!);
        user.SecurityStamp = Guid.NewGuid();
        user.FailedLoginCount = 0;
        user.LockedOutUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.UserPasswordReset, AuditTargets.User, Id(user), new { username = user.Username }), cancellationToken);
        return TypedResults.Ok(ContractMapping.From(user));
    }

    private static IQueryable<User> WithDetails(PortalDbContext db) =>
        db.Users.Include(u => u.Vendor).Include(u => u.Memberships).ThenInclude(m => m.Team);

    private static string Id(User user) => user.Id.ToString(CultureInfo.InvariantCulture);
}
