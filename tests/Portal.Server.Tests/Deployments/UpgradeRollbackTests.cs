using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Server.Deployments;

namespace Portal.Server.Tests.Deployments;

public sealed class UpgradeRollbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upgrade_replaces_the_container_keeps_volume_and_secrets_carries_config_and_rollback_returns()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app", new JsonObject { ["greeting"] = "Hej" }), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var v1 = await h.LoadAsync(d.Id);
        var token = JsonNode.Parse(v1.SecretConfigJson)!["token"]!.GetValue<string>();
        var name = DeploymentLabels.ContainerName(d.Id);

        var upgraded = await h.Service.UpgradeAsync(h.TeamId, d.Id, h.Versions["2.0.0"], v1.Version, Ct);
        var v2Container = Assert.Single(h.Engine.All);
        var rolledBack = await h.Service.RollbackAsync(h.TeamId, d.Id, upgraded.Version, Ct);
        var v1Container = Assert.Single(h.Engine.All);

        Assert.Equal((h.Versions["2.0.0"], h.Versions["1.0.0"]), (upgraded.ApplianceVersionId, upgraded.PreviousApplianceVersionId));
        Assert.Equal(ObservedStatus.Starting, upgraded.ObservedStatus);
        Assert.Equal("""{"greeting":"Hej","colour":"green"}""", upgraded.ConfigJson);
        Assert.Equal(token, JsonNode.Parse(upgraded.SecretConfigJson)!["token"]!.GetValue<string>());
        Assert.Equal(v1.WebUiHostPort, upgraded.WebUiHostPort);
        Assert.Equal(await h.ImageOfAsync("2.0.0"), v2Container.Config.Image);
        Assert.Contains("COLOUR=green", v2Container.Config.Env);
        Assert.Contains($"TOKEN={token}", v2Container.Config.Env);
        Assert.Equal($"portal-{DeploymentLabels.ShortId(d.Id)}-data", h.Engine.Mounts[name][0].Name);

        Assert.Equal((h.Versions["1.0.0"], h.Versions["2.0.0"]), (rolledBack.ApplianceVersionId, rolledBack.PreviousApplianceVersionId));
        Assert.Equal(await h.ImageOfAsync("1.0.0"), v1Container.Config.Image);
        Assert.Contains("LEGACY=old", v1Container.Config.Env);
        Assert.Equal(ObservedStatus.Starting, rolledBack.ObservedStatus);
        await h.WebUisAnswerAsync();
        Assert.Equal(ObservedStatus.Running, (await h.LoadAsync(d.Id)).ObservedStatus);
        Assert.Single(h.Engine.Volumes);
        var kinds = (await h.EventsAsync(d.Id)).Select(e => e.Kind).ToList();
        Assert.Contains("upgrade", kinds);
        Assert.Contains("rollback", kinds);
    }

    [Fact]
    public async Task Upgrading_to_the_current_version_changes_nothing_and_another_appliance_is_refused()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var changes = h.Engine.Changes.Count;

        var same = await h.Service.UpgradeAsync(h.TeamId, d.Id, h.Versions["1.0.0"], null, Ct);
        var rollback = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.RollbackAsync(h.TeamId, d.Id, null, Ct));
        var missing = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.UpgradeAsync(h.TeamId, d.Id, 999, null, Ct));

        Assert.Equal(d.Version, same.Version);
        Assert.Equal(changes, h.Engine.Changes.Count);
        Assert.Equal("deployment app has no previous version to roll back to", rollback.Message);
        Assert.Equal(DeploymentErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task A_new_version_that_does_not_start_falls_back_to_the_previous_one_and_says_why()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        h.Engine.CrashingImages.Add(await h.ImageOfAsync("2.0.0"));

        var e = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.UpgradeAsync(h.TeamId, d.Id, h.Versions["2.0.0"], null, Ct));

        Assert.Equal(DeploymentErrorKind.Failed, e.Kind);
        Assert.Equal("upgrade to 2.0.0 failed: exited with code 1; the deployment is back on the version it ran before", e.Message);
        await h.WebUisAnswerAsync();
        var after = await h.LoadAsync(d.Id);
        Assert.Equal((h.Versions["1.0.0"], (int?)null), (after.ApplianceVersionId, after.PreviousApplianceVersionId));
        Assert.Equal(ObservedStatus.Running, after.ObservedStatus);
        Assert.Equal(await h.ImageOfAsync("1.0.0"), Assert.Single(h.Engine.All).Config.Image);
        Assert.Contains(await h.EventsAsync(d.Id), ev => ev.Kind == "upgrade-failed" && ev.Message.StartsWith("upgrade to 2.0.0 failed: exited with code 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upgrade_whose_higher_requirement_exceeds_the_quota_is_refused_and_nothing_changes()
    {
        var manifests = new Dictionary<string, string>
        {
            ["1.0.0"] = TestManifests.App("1.0.0", "256Mi", extraConfig: "      legacy: {type: string}"),
            ["2.0.0"] = TestManifests.App("2.0.0", "2Gi", extraConfig: "      legacy: {type: string}"),
        };
        await using var h = await DeployerHarness.CreateAsync(manifests, t => t.MemoryQuotaBytes = DeployerHarness.GiB);
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);

        var e = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.UpgradeAsync(h.TeamId, d.Id, h.Versions["2.0.0"], null, Ct));

        Assert.Equal(["team blue would use 2 GiB of its 1 GiB memory quota (1 GiB over)"], e.Problems);
        Assert.Equal(h.Versions["1.0.0"], (await h.LoadAsync(d.Id)).ApplianceVersionId);
    }
}
