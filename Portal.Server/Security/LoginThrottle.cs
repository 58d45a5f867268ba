using System.Collections.Concurrent;

namespace Portal.Server.Security;

/// <summary>
/// Failure counts kept in memory: per client address, and per username that does not exist (existing users
/// keep theirs in the database). Both follow <see cref="LockoutEnd"/>, so an unknown username is locked out
/// exactly like a real one and the answers do not reveal which usernames exist.
/// </summary>
public sealed class LoginThrottle(PortalAuthOptions options, TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan Forget = TimeSpan.FromHours(24);
    private readonly ConcurrentDictionary<string, Failures> entries = new(StringComparer.Ordinal);

    public static string AddressKey(string address) => "address:" + address;

    public static string UsernameKey(string username) => "user:" + username.ToUpperInvariant();

    /// <summary>The lockout after the <paramref name="failures"/>-th failure in a row: none below the threshold, then doubling.</summary>
    public DateTimeOffset? LockoutEnd(int failures, int threshold, DateTimeOffset now)
    {
        if (failures < threshold)
        {
            return null;
        }

        var doublings = Math.Min(failures - threshold, 20);
        var delay = TimeSpan.FromTicks(Math.Min(options.LockoutBaseDelay.Ticks << doublings, options.LockoutMaxDelay.Ticks));
        return now + delay;
    }

    /// <summary>How long <paramref name="key"/> is still locked out, or null.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        var now = time.GetUtcNow();
        return entries.TryGetValue(key, out var failures) && failures.LockedUntil is { } until && until > now ? until - now : null;
    }

    /// <summary>Counts a failure; true when it starts a lockout.</summary>
    public bool RecordFailure(string key, int threshold)
    {
        var now = time.GetUtcNow();
        if (entries.Count >= MaxEntries)
        {
            Prune(now);
        }

        var updated = entries.AddOrUpdate(
            key,
            _ => new Failures(1, now, LockoutEnd(1, threshold, now)),
            (_, old) => new Failures(old.Count + 1, now, LockoutEnd(old.Count + 1, threshold, now)));
        return updated.LockedUntil is not null;
    }

    public void Reset(string key) => entries.TryRemove(key, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in entries)
        {
            if (now - failures.Last > Forget || entries.Count >= MaxEntries)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset? LockedUntil);
}
