using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Data.Tests.TestSupport;

namespace Portal.Data.Tests.Concurrency;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Two_contexts_updating_the_same_deployment_the_second_save_is_a_conflict_and_the_first_wins()
    {
        await using var database = await TestDatabase.CreateAsync();
        Guid id;
        await using (var setup = database.CreateContext())
        {
            var seed = await Seed.CreateAsync(setup);
            var deployment = seed.NewDeployment("notes");
            setup.Deployments.Add(deployment);
            await setup.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = deployment.Id;
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.Deployments.SingleAsync(d => d.Id == id, TestContext.Current.CancellationToken);
        var b = await second.Deployments.SingleAsync(d => d.Id == id, TestContext.Current.CancellationToken);

        a.DesiredState = DesiredState.Stopped;
        await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        b.DesiredState = DesiredState.Removed;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));

        await using var check = database.CreateContext();
        var stored = await check.Deployments.SingleAsync(d => d.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(DesiredState.Stopped, stored.DesiredState);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task A_stale_version_from_a_client_is_a_conflict_on_a_detached_update()
    {
        await using var database = await TestDatabase.CreateAsync();
        int catalogueId;
        await using (var setup = database.CreateContext())
        {
            catalogueId = (await Seed.CreateAsync(setup)).CatalogueId;
        }

        await using (var racer = database.CreateContext())
        {
            var catalogue = await racer.Catalogues.SingleAsync(c => c.Id == catalogueId, TestContext.Current.CancellationToken);
            catalogue.Status = CatalogueStatus.Failed;
            await racer.SaveChangesAsync(TestContext.Current.CancellationToken);
            Assert.Equal(1, catalogue.Version);
        }

        await using var db = database.CreateContext();
        var stale = await db.Catalogues.AsNoTracking().SingleAsync(c => c.Id == catalogueId, TestContext.Current.CancellationToken);
        stale.Version = 0;
        stale.Status = CatalogueStatus.Active;
        db.Catalogues.Update(stale);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Claiming_a_team_serialises_two_admissions_against_its_quota()
    {
        await using var database = await TestDatabase.CreateAsync();
        Seed seed;
        await using (var setup = database.CreateContext())
        {
            seed = await Seed.CreateAsync(setup);
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var teamA = await first.Teams.SingleAsync(t => t.Id == seed.TeamId, TestContext.Current.CancellationToken);
        var teamB = await second.Teams.SingleAsync(t => t.Id == seed.TeamId, TestContext.Current.CancellationToken);

        // Both admissions read the same usage; claiming the team makes the later one fail instead of overcommitting.
        first.Claim(teamA);
        first.Deployments.Add(seed.NewDeployment("one"));
        await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        second.Claim(teamB);
        second.Deployments.Add(seed.NewDeployment("two"));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));

        await using var check = database.CreateContext();
        Assert.Equal(["one"], await check.Deployments.Select(d => d.Name).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, (await check.Teams.SingleAsync(TestContext.Current.CancellationToken)).Version);
    }
}
