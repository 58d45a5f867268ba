using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Audit;

namespace Portal.Server.Security;

/// <summary>
/// Checks a login with throttling per client address and per username. An unknown username, a disabled
/// user and a wrong password get the same answer after the same work (a full password hash check), and
/// unknown usernames are locked out like real ones, so the answers never tell which usernames exist.
/// </summary>
public sealed class LoginService(
    PortalDbContext db,
    Passwords passwords,
    LoginThrottle throttle,
    PortalAuthOptions options,
    IAuditLog audit,
    TimeProvider time)
{
    public async Task<LoginOutcome> LoginAsync(string username, string password, string remoteAddress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var addressKey = LoginThrottle.AddressKey(remoteAddress);
        var usernameKey = LoginThrottle.UsernameKey(username);
        var user = await db.Users.Include(u => u.Memberships).FirstOrDefaultAsync(u => u.Username == username, cancellationToken);

        var retryAfter = throttle.RetryAfter(addressKey)
            ?? (user is null ? throttle.RetryAfter(usernameKey) : user.LockedOutUntil > now ? user.LockedOutUntil - now : null);
        if (retryAfter is { } wait)
        {
            await RecordAsync(AuditActions.LoginThrottled, user, username, new { username, retryAfterSeconds = Seconds(wait) }, cancellationToken);
            return new LoginOutcome(null, wait);
        }

        var valid = false;
        var rehash = false;
        if (user is null)
        {
            passwords.VerifyDecoy(password);
        }
        else
        {
            valid = passwords.Verify(user, password, out rehash) && !user.Disabled;
        }

        if (!valid)
        {
            await FailAsync(user, username, usernameKey, addressKey, now, cancellationToken);
            return LoginOutcome.Failed;
        }

        throttle.Reset(addressKey);
        user!.FailedLoginCount = 0;
        user.LockedOutUntil = null;
        user.LastLoginAt = now;
        if (rehash)
        {
            user.PasswordHash = passwords.Hash(user, password);
        }

        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(AuditActions.Login, user, username, null, cancellationToken);
        return new LoginOutcome(user, null);
    }

    private async Task FailAsync(User? user, string username, string usernameKey, string addressKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var addressLocked = throttle.RecordFailure(addressKey, options.AddressLockoutThreshold);
        bool userLocked;
        if (user is null)
        {
            userLocked = throttle.RecordFailure(usernameKey, options.UserLockoutThreshold);
        }
        else
        {
            // One atomic increment, so parallel guesses cannot slip past the threshold on a stale count.
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
                set => set.SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1).SetProperty(u => u.LastFailedLoginAt, now),
                cancellationToken);
            var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FailedLoginCount).FirstAsync(cancellationToken);
            var until = throttle.LockoutEnd(failures, options.UserLockoutThreshold, now);
            userLocked = until is not null;
            if (userLocked)
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.LockedOutUntil, until), cancellationToken);
            }
        }

        await RecordAsync(AuditActions.LoginFailed, user, username, new { username }, cancellationToken);
        if (userLocked || addressLocked)
        {
            await RecordAsync(AuditActions.Lockout, user, username, new { username, byUsername = userLocked, byAddress = addressLocked }, cancellationToken);
        }
    }

    // The target of a failed attempt is the username as typed; whether it exists is left to the audit reader's
    // eyes (the admin), never to the caller's.
    private Task RecordAsync(string action, User? user, string username, object? details, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new AuditRecord(action, AuditTargets.User, user?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? username, details)
            {
                Actor = action == AuditActions.Login && user is not null ? new AuditActor(user.Id, user.Username) : AuditActor.Anonymous,
            },
            cancellationToken);

    public static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);
}
