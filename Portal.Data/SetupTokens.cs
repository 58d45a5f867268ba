using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

public static class SetupTokens
{
    /// <summary>
    /// Marks the unused token with this hash used, in one conditional UPDATE: of two requests racing with the
    /// same token exactly one gets true.
    /// </summary>
    public static async Task<bool> TryConsumeAsync(
        this PortalDbContext db, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var consumed = await db.SetupTokens
            .Where(t => t.TokenHash == tokenHash && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken)
            .ConfigureAwait(false);
        return consumed == 1;
    }
}
