using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Data.Tests.TestSupport;

namespace Portal.Data.Tests.Constraints;

public sealed class UniqueConstraintTests
{
    [Fact]
    public async Task Usernames_are_unique_ignoring_case_and_found_ignoring_case()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            db.Users.Add(NewUser("Alice"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = database.CreateContext())
        {
            db.Users.Add(NewUser("aLICE"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using var lookup = database.CreateContext();
        var found = await lookup.Users.SingleAsync(u => u.Username == "ALICE", TestContext.Current.CancellationToken);
        Assert.Equal("Alice", found.Username);
    }

    [Fact]
    public async Task Deployment_names_are_unique_per_team_ignoring_case_but_free_across_teams()
    {
        await using var database = await TestDatabase.CreateAsync();
        Seed seed;
        int otherTeam;
        await using (var db = database.CreateContext())
        {
            seed = await Seed.CreateAsync(db);
            var team = new Team { Name = "Other", CreatedAt = Seed.Now };
            db.Teams.Add(team);
            db.Deployments.Add(seed.NewDeployment("notes"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            otherTeam = team.Id;
        }

        await using (var db = database.CreateContext())
        {
            db.Deployments.Add(seed.NewDeployment("Notes"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using (var db = database.CreateContext())
        {
            db.Deployments.Add(seed.NewDeployment("notes", otherTeam));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            Assert.Equal(2, await db.Deployments.CountAsync(d => d.Name == "notes", TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Two_deployments_cannot_hold_the_same_web_ui_host_port_but_many_may_have_none()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var seed = await Seed.CreateAsync(db);
        var first = seed.NewDeployment("a");
        first.WebUiHostPort = 8080;
        db.Deployments.AddRange(first, seed.NewDeployment("b"), seed.NewDeployment("c"));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var clash = seed.NewDeployment("d");
        clash.WebUiHostPort = 8080;
        db.Deployments.Add(clash);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_catalogue_version_is_unique_per_vendor_and_an_appliance_version_per_appliance()
    {
        await using var database = await TestDatabase.CreateAsync();
        Seed seed;
        await using (var db = database.CreateContext())
        {
            seed = await Seed.CreateAsync(db);
        }

        await using (var db = database.CreateContext())
        {
            db.Catalogues.Add(new Catalogue { VendorId = seed.VendorId, CatalogueVersion = "1.0", UploadedAt = Seed.Now });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using (var db = database.CreateContext())
        {
            var appliance = await db.Appliances.SingleAsync(TestContext.Current.CancellationToken);
            var catalogue = await db.Catalogues.SingleAsync(TestContext.Current.CancellationToken);
            db.ApplianceVersions.Add(Seed.NewVersion(appliance, catalogue, "1.0"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }
    }

    internal static User NewUser(string username) => new()
    {
        Username = username,
        PasswordHash = "hash",
        CreatedAt = Seed.Now,
    };
}
