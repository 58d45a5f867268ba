using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Engine.Errors;
using Portal.Server.Deployments;
using Portal.Server.Deployments.Health;
using Portal.Server.Tests.Integration;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Deployments;

/// <summary>
/// The deployer against the real engine (root): deploy with config values, upgrade and rollback over a kept volume,
/// remove keeping or deleting data, convergence after a restart and after a container was removed behind its back,
/// and network isolation between deployments. docs/deployments.md.
/// </summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class EngineDeploymentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Greeter_deployed_with_config_values_shows_them_escaped_and_its_generated_secret_is_encrypted_at_rest()
    {
        Root.Require();
        await using var harness = await EngineDeployerHarness.StartAsync();
        var version = await harness.AddVersionAsync("com.example.greeter", "greeter", "1.0.0", DemoManifests.Greeter("1.0.0"));

        var deployed = await harness.DeployAsync(version, "greeter", new JsonObject { ["greeting"] = "<b>Hej</b>", ["audience"] = "team" });
        var (running, url) = await harness.WaitForWebUiAsync(deployed.Id);
        var page = await WebProbe.GetStringAsync(url, Ct);

        Assert.Equal(new Uri($"http://127.0.0.1:{running.WebUiHostPort}/"), url);
        Assert.Contains("<dd id=\"greeting\">&lt;b&gt;Hej&lt;/b&gt;</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"audience\">team</dd>", page, StringComparison.Ordinal);
        Assert.Contains("version 1.0.0", page, StringComparison.Ordinal);
        var token = JsonNode.Parse(running.SecretConfigJson)!["adminToken"]!.GetValue<string>();
        Assert.Equal(24, token.Length);
        Assert.Contains("<dd id=\"admin-token\">set (24 characters, not shown)</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(token, page, StringComparison.Ordinal);

        // The health check is probed from the host at the container's address on the deployment network.
        await WaitUntilAsync(() => harness.Portal.Health.Report(deployed.Id) is { Status: HealthStatus.Healthy }, "the greeter's health check passes");

        // The database file (and its WAL) never holds the generated secret in clear; the plain config does show.
        var bytes = ReadShared(harness.DatabasePath).Concat(ReadShared(harness.DatabasePath + "-wal")).ToArray();
        Assert.True(Contains(bytes, "team"), "the plain config value is in the database file");
        Assert.False(Contains(bytes, token), "the generated ADMIN_TOKEN is in the database file in clear");
    }

    /// <summary>
    /// Running means the web UI answers: a deployment is Starting until Portal's readiness probe has had an answer,
    /// so one request right when it turns Running, with no retry, gets the page, after a deploy and after an upgrade.
    /// </summary>
    [Fact]
    public async Task Running_means_the_web_ui_answers_the_first_request_after_a_deploy_and_after_an_upgrade()
    {
        Root.Require();
        await using var harness = await EngineDeployerHarness.StartAsync();
        var v1 = await harness.AddVersionAsync("com.example.greeter", "greeter", "1.0.0", DemoManifests.Greeter("1.0.0"));
        var v2 = await harness.AddVersionAsync("com.example.greeter", "greeter", "2.0.0", DemoManifests.Greeter("2.0.0"));
        using var once = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var deployed = await harness.DeployAsync(v1, "greeter");
        var (_, url) = await harness.WaitForWebUiAsync(deployed.Id);
        var first = await once.GetStringAsync(url, Ct);
        var upgraded = await harness.Portal.Deployments.UpgradeAsync(harness.TeamId, deployed.Id, v2, null, Ct);
        var (_, upgradedUrl) = await harness.WaitForWebUiAsync(deployed.Id);
        var second = await once.GetStringAsync(upgradedUrl, Ct);

        Assert.Contains("version 1.0.0", first, StringComparison.Ordinal);
        Assert.Equal(ObservedStatus.Starting, upgraded.ObservedStatus);
        Assert.Contains("version 2.0.0", second, StringComparison.Ordinal);
        var statuses = (await harness.Portal.Deployments.EventsAsync(harness.TeamId, deployed.Id, Ct)).Where(e => e.Kind == "status").Select(e => e.Message).ToList();
        Assert.Equal(["starting: waiting for the web UI on port 8080 to answer", "running", "starting: waiting for the web UI on port 8080 to answer", "running"], statuses);
    }

    [Fact]
    public async Task Notes_keep_their_volume_through_upgrade_and_rollback_and_remove_keeps_or_deletes_it()
    {
        Root.Require();
        await using var harness = await EngineDeployerHarness.StartAsync();
        var v1 = await harness.AddVersionAsync("com.example.notes", "notes", "1.0.0", DemoManifests.Notes("1.0.0"));
        var v2 = await harness.AddVersionAsync("com.example.notes", "notes", "2.0.0", DemoManifests.Notes("2.0.0"));

        var notes = await harness.DeployAsync(v1, "notes");
        var (first, url) = await harness.WaitForWebUiAsync(notes.Id);
        await PostNoteAsync(url, "remember the milk");
        var page = await WebProbe.GetStringAsync(url, Ct);
        Assert.Contains("version 1.0.0", page, StringComparison.Ordinal);
        Assert.Contains("remember the milk", page, StringComparison.Ordinal);

        var upgraded = await harness.Portal.Deployments.UpgradeAsync(harness.TeamId, notes.Id, v2, null, Ct);
        var (afterUpgrade, upgradedUrl) = await harness.WaitForWebUiAsync(notes.Id);
        Assert.Equal(v2, upgraded.ApplianceVersionId);
        Assert.NotEqual(first.ContainerId, afterUpgrade.ContainerId);
        Assert.Equal(url, upgradedUrl);
        page = await WebProbe.GetStringAsync(upgradedUrl, Ct);
        Assert.Contains("version 2.0.0", page, StringComparison.Ordinal);
        Assert.Contains("remember the milk", page, StringComparison.Ordinal);

        await harness.Portal.Deployments.RollbackAsync(harness.TeamId, notes.Id, null, Ct);
        var (rolledBack, rolledBackUrl) = await harness.WaitForWebUiAsync(notes.Id);
        Assert.Equal(v1, rolledBack.ApplianceVersionId);
        Assert.Equal(v2, rolledBack.PreviousApplianceVersionId);
        page = await WebProbe.GetStringAsync(rolledBackUrl, Ct);
        Assert.Contains("version 1.0.0", page, StringComparison.Ordinal);
        Assert.Contains("remember the milk", page, StringComparison.Ordinal);
        Assert.Single(await harness.Portal.Containers.ListAsync(all: true, Ct));

        // Remove keeping the data: container and network go, the volume and its notes stay.
        var volume = DeploymentLabels.VolumeName(notes.Id, "data");
        Assert.True(await harness.Portal.Deployments.RemoveAsync(harness.TeamId, notes.Id, deleteData: false, null, Ct));
        Assert.Empty(await harness.Portal.Containers.ListAsync(all: true, Ct));
        Assert.DoesNotContain(harness.Portal.Networks.ListNetworks(), n => n.Name == DeploymentLabels.NetworkName(notes.Id));
        var kept = await harness.Portal.Volumes.InspectVolumeAsync(volume, Ct);
        Assert.Contains("remember the milk", await File.ReadAllTextAsync(Path.Combine(kept.Mountpoint, "notes.txt"), Ct), StringComparison.Ordinal);
        await Assert.ThrowsAsync<DeploymentException>(() => harness.GetAsync(notes.Id));

        // Remove deleting the data: the volume goes too.
        var other = await harness.DeployAsync(v1, "scratch");
        var (_, otherUrl) = await harness.WaitForWebUiAsync(other.Id);
        await PostNoteAsync(otherUrl, "scratch note");
        var otherVolume = DeploymentLabels.VolumeName(other.Id, "data");
        Assert.Contains(await harness.Portal.Volumes.ListVolumesAsync(Ct), v => v.Name == otherVolume);
        Assert.True(await harness.Portal.Deployments.RemoveAsync(harness.TeamId, other.Id, deleteData: true, null, Ct));
        var left = await harness.Portal.Volumes.ListVolumesAsync(Ct);
        Assert.DoesNotContain(left, v => v.Name == otherVolume);
        Assert.Contains(left, v => v.Name == volume);
    }

    [Fact]
    public async Task An_upgrade_whose_container_cannot_be_created_puts_the_deployment_back_on_its_version_with_its_data()
    {
        Root.Require();
        await using var harness = await EngineDeployerHarness.StartAsync();
        var v1 = await harness.AddVersionAsync("com.example.notes", "notes", "1.0.0", DemoManifests.Notes("1.0.0"));
        var broken = await harness.AddVersionAsync("com.example.notes", "notes", "2.0.0", DemoManifests.Notes("2.0.0"), missingImage: true);
        var notes = await harness.DeployAsync(v1, "notes");
        var (_, url) = await harness.WaitForWebUiAsync(notes.Id);
        await PostNoteAsync(url, "still here");

        var failed = await Assert.ThrowsAsync<DeploymentException>(() => harness.Portal.Deployments.UpgradeAsync(harness.TeamId, notes.Id, broken, null, Ct));

        Assert.Equal(DeploymentErrorKind.Failed, failed.Kind);
        Assert.StartsWith("upgrade to 2.0.0 failed: image localhost/portal-demo/notes:2.0.0 (sha256:000", failed.Message, StringComparison.Ordinal);
        Assert.EndsWith("the deployment is back on the version it ran before", failed.Message, StringComparison.Ordinal);
        var (back, backUrl) = await harness.WaitForWebUiAsync(notes.Id);
        Assert.Equal(v1, back.ApplianceVersionId);
        var page = await WebProbe.GetStringAsync(backUrl, Ct);
        Assert.Contains("version 1.0.0", page, StringComparison.Ordinal);
        Assert.Contains("still here", page, StringComparison.Ordinal);
        Assert.Contains(await harness.Portal.Deployments.EventsAsync(harness.TeamId, notes.Id, Ct), e => e.Kind == "upgrade-failed");
    }

    [Fact]
    public async Task After_a_restart_the_deployment_runs_in_the_same_container_and_a_container_removed_behind_its_back_is_recreated()
    {
        Root.Require();
        await using var harness = await EngineDeployerHarness.StartAsync();
        var version = await harness.AddVersionAsync("com.example.welcome", "welcome", "1.0.0", DemoManifests.Welcome("1.0.0"));
        var deployed = await harness.DeployAsync(version, "welcome");
        var (before, url) = await harness.WaitForWebUiAsync(deployed.Id);
        var eventsBefore = await harness.Portal.Deployments.EventsAsync(harness.TeamId, deployed.Id, Ct);

        await harness.RestartAsync();

        // Passes of the new reconciler over the container the new engine adopted: still one, the same one, and
        // nothing to record (idempotent).
        await harness.Portal.Reconciler.ReconcileAllAsync(Ct);
        await harness.Portal.Reconciler.ReconcileAsync(deployed.Id, Ct);
        Assert.Equal(eventsBefore.Select(e => e.Id), (await harness.Portal.Deployments.EventsAsync(harness.TeamId, deployed.Id, Ct)).Select(e => e.Id));
        var (after, urlAfter) = await harness.WaitForWebUiAsync(deployed.Id);
        Assert.Equal(before.ContainerId, after.ContainerId);
        Assert.Equal(url, urlAfter);
        var container = Assert.Single(await harness.Portal.Containers.ListAsync(all: true, Ct));
        Assert.Equal(before.ContainerId, container.Id);
        Assert.True(container.State.Running);
        Assert.Contains("version 1.0.0", await WebProbe.GetStringAsync(urlAfter, Ct), StringComparison.Ordinal);

        // Removed behind the deployer's back: the loop creates it again.
        await harness.Portal.Containers.RemoveAsync(before.ContainerId!, force: true, Ct);
        await harness.WaitForAsync(deployed.Id, d => d.ContainerId != before.ContainerId && d.ObservedStatus == ObservedStatus.Running, "running in a new container");
        var (recreated, recreatedUrl) = await harness.WaitForWebUiAsync(deployed.Id);
        Assert.Single(await harness.Portal.Containers.ListAsync(all: true, Ct));
        Assert.Contains("version 1.0.0", await WebProbe.GetStringAsync(recreatedUrl, Ct), StringComparison.Ordinal);
        Assert.Contains(await harness.Portal.Deployments.EventsAsync(harness.TeamId, deployed.Id, Ct), e => e.Kind == "create" && e.Message.Contains(recreated.ContainerId![..12], StringComparison.Ordinal));

        // Stopped through the service: the container is stopped and kept; the loop does not start it again.
        var stopped = await harness.Portal.Deployments.StopAsync(harness.TeamId, deployed.Id, null, Ct);
        Assert.Equal(ObservedStatus.Exited, stopped.ObservedStatus);
        var inspected = await harness.Portal.Containers.InspectAsync(recreated.ContainerId!, Ct);
        Assert.False(inspected.State.Running);
        await harness.RestartAsync();
        await harness.Portal.Reconciler.ReconcileAsync(deployed.Id, Ct);
        Assert.False((await harness.Portal.Containers.InspectAsync(recreated.ContainerId!, Ct)).State.Running);
        Assert.Equal(DesiredState.Stopped, (await harness.GetAsync(deployed.Id)).DesiredState);

        // Started again through the service: the same container runs and answers.
        var started = await harness.Portal.Deployments.StartAsync(harness.TeamId, deployed.Id, null, Ct);
        Assert.Equal(recreated.ContainerId, started.ContainerId);
        var (_, startedUrl) = await harness.WaitForWebUiAsync(deployed.Id);
        Assert.Contains("version 1.0.0", await WebProbe.GetStringAsync(startedUrl, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_deployments_cannot_reach_each_others_container_address()
    {
        Root.Require();
        await using var harness = await EngineDeployerHarness.StartAsync();
        var welcome = await harness.AddVersionAsync("com.example.welcome", "welcome", "1.0.0", DemoManifests.Welcome("1.0.0"));
        var prober = await harness.AddVersionAsync("com.example.prober", "welcome", "1.0.0", DemoManifests.Prober("1.0.0"));
        var target = await harness.DeployAsync(welcome, "target");
        var (targetRunning, _) = await harness.WaitForWebUiAsync(target.Id);
        var address = (await harness.Portal.Containers.InspectAsync(targetRunning.ContainerId!, Ct)).NetworkSettings?.IPAddress;
        Assert.False(string.IsNullOrEmpty(address));
        // The address is live: the host reaches it (as the health probe does).
        Assert.Contains("version 1.0.0", await WebProbe.GetStringAsync(new Uri($"http://{address}:8080/"), Ct), StringComparison.Ordinal);

        var probe = await harness.DeployAsync(prober, "prober", new JsonObject { ["target"] = address });
        var (probeRunning, probeUrl) = await harness.WaitForWebUiAsync(probe.Id);
        var result = new Uri(probeUrl, "/result");
        var seen = await WaitForResultAsync(result, async () => await harness.LogsAsync(probeRunning.ContainerId!) + "\nportal log:\n" + harness.Log.Text);

        Assert.Equal("self reached, other failed", seen);
        Assert.NotEqual(DeploymentLabels.NetworkName(target.Id), DeploymentLabels.NetworkName(probe.Id));
        Assert.NotEqual(address, (await harness.Portal.Containers.InspectAsync(probeRunning.ContainerId!, Ct)).NetworkSettings?.IPAddress);
    }

    private static async Task<string> WaitForResultAsync(Uri result, Func<Task<string>> logs)
    {
        var until = DateTimeOffset.UtcNow + EngineDeployerHarness.Deadline;
        var seen = "";
        while (DateTimeOffset.UtcNow < until)
        {
            try
            {
                seen = (await WebProbe.GetStringAsync(result, Ct)).Trim();
            }
            catch (InvalidOperationException e)
            {
                Assert.Fail($"{e.Message}; the prober's log:\n{await logs()}");
            }

            // The first round may run before httpd listens; a round where the prober reached itself proves wget works.
            if (seen.StartsWith("self reached", StringComparison.Ordinal))
            {
                return seen;
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail($"the prober never reached itself: {seen}; its log:\n{await logs()}");
        return seen;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTimeOffset.UtcNow + EngineDeployerHarness.Deadline;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < until, $"never: {what}");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task PostNoteAsync(Uri webUi, string note) =>
        Assert.Equal(HttpStatusCode.SeeOther, await WebProbe.PostFormAsync(new Uri(webUi, "/cgi-bin/index.cgi"), "note", note, Ct));

    private static byte[] ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
