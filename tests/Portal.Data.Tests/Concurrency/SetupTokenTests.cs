using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Data.Tests.TestSupport;

namespace Portal.Data.Tests.Concurrency;

public sealed class SetupTokenTests
{
    [Fact]
    public async Task A_setup_token_is_consumed_once_and_an_unknown_hash_never()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            db.SetupTokens.Add(new SetupToken { TokenHash = "hash-1", CreatedAt = Seed.Now });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        Assert.True(await first.TryConsumeAsync("hash-1", Seed.Now, TestContext.Current.CancellationToken));
        Assert.False(await second.TryConsumeAsync("hash-1", Seed.Now.AddSeconds(1), TestContext.Current.CancellationToken));
        Assert.False(await second.TryConsumeAsync("hash-2", Seed.Now, TestContext.Current.CancellationToken));

        var token = await second.SetupTokens.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Seed.Now, token.UsedAt);
    }
}
