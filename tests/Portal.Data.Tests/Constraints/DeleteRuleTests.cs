using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Data.Tests.TestSupport;

namespace Portal.Data.Tests.Constraints;

public sealed class DeleteRuleTests
{
    [Fact]
    public async Task A_catalogue_whose_appliance_version_is_deployed_cannot_be_deleted_and_stays_whole()
    {
        await using var database = await TestDatabase.CreateAsync();
        Seed seed;
        await using (var db = database.CreateContext())
        {
            seed = await Seed.CreateAsync(db);
            db.ApplianceVersionScreenshots.Add(Screenshot(seed.ApplianceVersionId));
            db.Deployments.Add(seed.NewDeployment("notes"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = database.CreateContext())
        {
            var deleted = db.Catalogues.Where(c => c.Id == seed.CatalogueId);
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(
                () => deleted.ExecuteDeleteAsync(TestContext.Current.CancellationToken));
            db.Catalogues.Remove(await db.Catalogues.SingleAsync(TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Catalogues.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await check.ApplianceVersions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await check.ApplianceVersionScreenshots.CountAsync(TestContext.Current.CancellationToken));
    }

    private static ApplianceVersionScreenshot Screenshot(int versionId, int position = 0) =>
        new() { ApplianceVersionId = versionId, Position = position, Content = [0x89, 0x50, 0x4e, 0x47], MediaType = "image/png" };

    [Fact]
    public async Task The_version_a_deployment_can_roll_back_to_cannot_be_deleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var seed = await Seed.CreateAsync(db);
        var appliance = await db.Appliances.SingleAsync(TestContext.Current.CancellationToken);
        var catalogue = await db.Catalogues.SingleAsync(TestContext.Current.CancellationToken);
        var v2 = Seed.NewVersion(appliance, catalogue, "2.0");
        db.ApplianceVersions.Add(v2);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var deployment = seed.NewDeployment("notes");
        deployment.ApplianceVersionId = v2.Id;
        deployment.PreviousApplianceVersionId = seed.ApplianceVersionId;
        db.Deployments.Add(deployment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.ApplianceVersions
            .Where(v => v.Id == seed.ApplianceVersionId).ExecuteDeleteAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_catalogue_nobody_deployed_from_deletes_with_its_appliance_versions_and_their_screenshots()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var seed = await Seed.CreateAsync(db);
        db.ApplianceVersionScreenshots.AddRange(Screenshot(seed.ApplianceVersionId), Screenshot(seed.ApplianceVersionId, 1));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        await db.Catalogues.Where(c => c.Id == seed.CatalogueId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, await db.ApplianceVersions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.ApplianceVersionScreenshots.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Appliances.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_team_with_deployments_cannot_be_deleted_and_one_without_takes_its_memberships()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var seed = await Seed.CreateAsync(db);
        var user = UniqueConstraintTests.NewUser("bob");
        var empty = new Team { Name = "Empty", CreatedAt = Seed.Now };
        db.AddRange(user, empty, seed.NewDeployment("notes"));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.Memberships.AddRange(
            new Membership { TeamId = seed.TeamId, UserId = user.Id, Role = TeamRole.Owner },
            new Membership { TeamId = empty.Id, UserId = user.Id, Role = TeamRole.Member });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Teams
            .Where(t => t.Id == seed.TeamId).ExecuteDeleteAsync(TestContext.Current.CancellationToken));
        await db.Teams.Where(t => t.Id == empty.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);

        var left = await db.Memberships.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(seed.TeamId, Assert.Single(left).TeamId);
        Assert.Equal(TeamRole.Owner, left[0].Role);
    }

    [Fact]
    public async Task Deleting_a_user_keeps_their_deployments_and_audit_and_deleting_a_deployment_takes_its_events()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var seed = await Seed.CreateAsync(db);
        var user = UniqueConstraintTests.NewUser("carol");
        db.Users.Add(user);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var deployment = seed.NewDeployment("notes");
        deployment.CreatedByUserId = user.Id;
        deployment.Events.Add(new DeploymentEvent { At = Seed.Now, Kind = "deploy", Message = "deployed" });
        db.Deployments.Add(deployment);
        db.AuditEntries.Add(new AuditEntry { At = Seed.Now, ActorUserId = user.Id, Actor = "carol", Action = "deployment.create" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.ChangeTracker.Clear();

        await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        var kept = await db.Deployments.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Null(kept.CreatedByUserId);
        Assert.Equal("carol", (await db.AuditEntries.SingleAsync(TestContext.Current.CancellationToken)).Actor);

        await db.Deployments.Where(d => d.Id == deployment.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.DeploymentEvents.CountAsync(TestContext.Current.CancellationToken));
    }
}
