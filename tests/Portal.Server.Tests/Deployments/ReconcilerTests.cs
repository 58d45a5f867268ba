using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Engine.Containers;
using Portal.Server.Deployments;

namespace Portal.Server.Tests.Deployments;

public sealed class ReconcilerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_creates_network_volumes_and_a_labelled_limited_container_then_a_second_pass_changes_nothing()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app", new JsonObject { ["greeting"] = "Hej" }), Ct);
        var shortId = DeploymentLabels.ShortId(d.Id);

        await h.Reconciler.ReconcileAllAsync(Ct);
        var changesAfterFirst = h.Engine.Changes.ToList();
        var eventsAfterFirst = (await h.EventsAsync(d.Id)).Count;
        await h.Reconciler.ReconcileAllAsync(Ct);

        Assert.Equal([$"network portal-{shortId}", $"volume portal-{shortId}-data", $"create portal-{shortId}", $"start portal-{shortId}"], changesAfterFirst);
        Assert.Equal(changesAfterFirst, h.Engine.Changes);
        Assert.Equal(eventsAfterFirst, (await h.EventsAsync(d.Id)).Count);
        var container = Assert.Single(h.Engine.All);
        var request = h.Engine.Requests[container.Id];
        Assert.Equal(d.Id.ToString(), request.Labels[DeploymentLabels.Deployment]);
        Assert.Equal(h.Versions["1.0.0"].ToString(System.Globalization.CultureInfo.InvariantCulture), request.Labels[DeploymentLabels.ApplianceVersion]);
        Assert.Equal(await h.ImageOfAsync("1.0.0"), request.Image);
        Assert.Equal($"portal-{shortId}", request.NetworkMode);
        Assert.Equal(["serve", "--greeting", "Hej"], request.Cmd);
        Assert.Contains("LEGACY=old", request.Env);
        Assert.Equal(268435456, request.Resources.MemoryBytes);
        Assert.Equal(500_000_000, request.Resources.NanoCpus);
        Assert.Equal(1024, request.Resources.PidsLimit);
        Assert.Equal(RestartPolicyKind.UnlessStopped, request.RestartPolicy.Kind);
        Assert.Equal(new PortBinding(8080, "tcp", "", 0), Assert.Single(request.PortBindings));
        Assert.Equal([new VolumeAttachment($"portal-{shortId}-data", "/data", false), new VolumeAttachment(null, "/cache", false)], h.Engine.Mounts[$"portal-{shortId}"]);
        var stored = await h.LoadAsync(d.Id);
        Assert.Equal((ObservedStatus.Starting, "waiting for the web UI on port 8080 to answer"), (stored.ObservedStatus, stored.StatusReason));
        Assert.Equal(container.Id, stored.ContainerId);
        Assert.Equal(40000, stored.WebUiHostPort);
        Assert.Equal(new Uri("http://portal.example:40000/ui/"), h.Service.WebUiUrl(stored, "portal.example"));
        await h.WebUisAnswerAsync();
        var ready = await h.LoadAsync(d.Id);
        Assert.Equal((ObservedStatus.Running, null), (ready.ObservedStatus, ready.StatusReason));
        Assert.Equal(changesAfterFirst, h.Engine.Changes);
    }

    [Fact]
    public async Task A_web_ui_that_does_not_answer_keeps_it_starting_and_is_tried_every_second_until_it_does()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var started = h.Engine.All.Single().State.StartedAt!.Value;
        h.Probe.Failure = "connection refused";

        var early = await h.Health.ProbeDueAsync(started.AddMilliseconds(500), Ct);
        var refused = await h.Health.ProbeDueAsync(started.AddSeconds(1), Ct);
        var sameSecond = await h.Health.ProbeDueAsync(started.AddSeconds(1.5), Ct);
        var stillRefused = await h.Health.ProbeDueAsync(started.AddSeconds(2), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var starting = await h.LoadAsync(d.Id);
        var callsWhileRefused = h.Probe.Calls;
        h.Probe.Failure = null;
        var answered = await h.Health.ProbeDueAsync(started.AddSeconds(3), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var afterwards = await h.Health.ProbeDueAsync(started.AddHours(1), Ct);

        Assert.Equal((0, 0, 0, 0), (early.Count, refused.Count, sameSecond.Count, stillRefused.Count));
        Assert.Equal(2, callsWhileRefused);
        Assert.Equal((ObservedStatus.Starting, "waiting for the web UI on port 8080 to answer"), (starting.ObservedStatus, starting.StatusReason));
        Assert.Equal([d.Id], answered);
        Assert.Equal(ObservedStatus.Running, (await h.LoadAsync(d.Id)).ObservedStatus);
        Assert.Empty(afterwards);
        Assert.Equal(3, h.Probe.Calls);
        Assert.Single(await h.EventsAsync(d.Id), e => e.Kind == "status" && e.Message == "running");
    }

    [Fact]
    public async Task A_new_deployer_adopts_the_running_container_and_never_duplicates_it()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.WebUisAnswerAsync();
        var before = h.Engine.Changes.Count;
        var probes = h.Probe.Calls;
        var events = (await h.EventsAsync(d.Id)).Count;

        await h.RestartAsync();
        await h.Reconciler.ReconcileAllAsync(Ct);

        Assert.Equal(before, h.Engine.Changes.Count);
        Assert.Single(h.Engine.All);
        // Its web UI had answered: the new deployer does not show it starting again, nor probe to find out.
        Assert.Equal(ObservedStatus.Running, (await h.LoadAsync(d.Id)).ObservedStatus);
        Assert.Equal(probes, h.Probe.Calls);
        Assert.Equal(events, (await h.EventsAsync(d.Id)).Count);
    }

    [Fact]
    public async Task Containers_and_networks_of_deployments_that_no_longer_exist_are_removed_others_untouched()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var gone = Guid.NewGuid();
        h.Engine.AddExisting("portal-orphan", new Dictionary<string, string> { [DeploymentLabels.Deployment] = gone.ToString() }, running: true);
        h.Engine.AddExisting("someone-elses", new Dictionary<string, string> { ["app"] = "x" }, running: true);
        await h.Engine.CreateNetworkAsync(new Portal.Engine.Network.Networks.NetworkCreateRequest
        {
            Name = DeploymentLabels.NetworkName(gone),
            Labels = new Dictionary<string, string> { [DeploymentLabels.Deployment] = gone.ToString() },
        }, Ct);

        await h.Reconciler.ReconcileAllAsync(Ct);

        Assert.Equal("someone-elses", Assert.Single(h.Engine.All).Name);
        Assert.Empty(h.Engine.ListNetworks());
    }

    [Fact]
    public async Task A_missing_image_fails_with_the_reason_once_and_converges_when_it_arrives()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        h.Engine.MissingImages.Add(await h.ImageOfAsync("1.0.0"));
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);

        await h.Reconciler.ReconcileAllAsync(Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var failed = await h.LoadAsync(d.Id);
        h.Engine.MissingImages.Clear();
        await h.Reconciler.ReconcileAllAsync(Ct);
        await h.WebUisAnswerAsync();

        Assert.Equal(ObservedStatus.Failed, failed.ObservedStatus);
        Assert.StartsWith("image localhost/app:1.0.0 (sha256:", failed.StatusReason, StringComparison.Ordinal);
        Assert.Contains("is not in the engine", failed.StatusReason, StringComparison.Ordinal);
        Assert.Single(await h.EventsAsync(d.Id), e => e.Kind == "status" && e.Message.StartsWith("failed: image", StringComparison.Ordinal));
        Assert.Equal(ObservedStatus.Running, (await h.LoadAsync(d.Id)).ObservedStatus);
    }

    [Fact]
    public async Task Stop_start_restart_and_an_exit_are_reflected_in_status()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);

        var stopped = await h.Service.StopAsync(h.TeamId, d.Id, null, Ct);
        var stoppedTwice = await h.Service.StopAsync(h.TeamId, d.Id, null, Ct);
        var started = await h.Service.StartAsync(h.TeamId, d.Id, null, Ct);
        h.Engine.Exit(started.ContainerId!, 3);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var exited = await h.LoadAsync(d.Id);
        var restarted = await h.Service.RestartAsync(h.TeamId, d.Id, null, Ct);

        Assert.Equal((DesiredState.Stopped, ObservedStatus.Exited, "stopped (exited with code 143)"), (stopped.DesiredState, stopped.ObservedStatus, stopped.StatusReason));
        Assert.Equal(stopped.Version, stoppedTwice.Version);
        Assert.Equal(ObservedStatus.Starting, started.ObservedStatus);
        Assert.Equal((ObservedStatus.Exited, "exited with code 3"), (exited.ObservedStatus, exited.StatusReason));
        Assert.Equal(ObservedStatus.Starting, restarted.ObservedStatus);
        await h.WebUisAnswerAsync();
        Assert.Equal(ObservedStatus.Running, (await h.LoadAsync(d.Id)).ObservedStatus);
        Assert.Single(h.Engine.All);
    }

    [Fact]
    public async Task A_stale_concurrency_token_is_a_clear_conflict()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.Service.StopAsync(h.TeamId, d.Id, d.Version, Ct);

        var e = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.StartAsync(h.TeamId, d.Id, d.Version, Ct));

        Assert.Equal(DeploymentErrorKind.Conflict, e.Kind);
        Assert.Equal($"deployment app was changed by another request (now at version {d.Version + 1}); reload it and try again", e.Message);
    }

    [Fact]
    public async Task Another_teams_deployment_is_not_found()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        var red = await h.AddTeamAsync("red", _ => { });

        var e = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.StopAsync(red.Id, d.Id, null, Ct));

        Assert.Equal(DeploymentErrorKind.NotFound, e.Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Remove_deletes_container_network_and_row_and_the_volumes_only_when_asked(bool deleteData)
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);

        Assert.True(await h.Service.RemoveAsync(h.TeamId, d.Id, deleteData, null, Ct));
        Assert.False(await h.Service.RemoveAsync(h.TeamId, d.Id, deleteData, null, Ct));

        Assert.Empty(h.Engine.All);
        Assert.Empty(h.Engine.ListNetworks());
        Assert.Equal(deleteData ? 0 : 1, h.Engine.Volumes.Count);
        Assert.Empty(await h.Service.ListAsync(h.TeamId, Ct));
    }

    [Fact]
    public async Task A_removal_the_engine_refuses_fails_that_deployment_only_and_is_retried()
    {
        await using var h = await DeployerHarness.CreateAsync(TestManifests.TwoVersions());
        var stuck = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "stuck"), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var network = DeploymentLabels.NetworkName(stuck.Id);
        h.Engine.NetworksInUse.Add(network);

        var refused = await Assert.ThrowsAsync<DeploymentException>(() => h.Service.RemoveAsync(h.TeamId, stuck.Id, deleteData: false, null, Ct));
        var other = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "other"), Ct);
        await h.WebUisAnswerAsync();

        Assert.Equal(DeploymentErrorKind.Failed, refused.Kind);
        Assert.Contains($"remove failed: error while removing network: network {network}", refused.Message, StringComparison.Ordinal);
        var failed = await h.LoadAsync(stuck.Id);
        Assert.Equal((DesiredState.Removed, ObservedStatus.Failed), (failed.DesiredState, failed.ObservedStatus));
        Assert.Equal(ObservedStatus.Running, (await h.LoadAsync(other.Id)).ObservedStatus);
        Assert.Single(await h.EventsAsync(stuck.Id), e => e.Kind == "status" && e.Message.StartsWith("failed: remove failed", StringComparison.Ordinal));

        h.Engine.NetworksInUse.Clear();
        await h.Reconciler.ReconcileAllAsync(Ct);

        Assert.DoesNotContain(await h.Service.ListAsync(h.TeamId, Ct), d => d.Id == stuck.Id);
        Assert.DoesNotContain(h.Engine.ListNetworks(), n => n.Name == network);
    }

    [Fact]
    public async Task Failing_health_probes_make_it_unhealthy_after_the_retries_and_a_success_heals_it()
    {
        var manifests = new Dictionary<string, string> { ["1.0.0"] = TestManifests.App("1.0.0", extraConfig: "      legacy: {type: string}", healthcheck: TestManifests.Healthcheck) };
        await using var h = await DeployerHarness.CreateAsync(manifests);
        var d = await h.Service.DeployAsync(new DeployRequest(h.TeamId, h.Versions["1.0.0"], "app"), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);
        var started = h.Engine.All.Single().State.StartedAt!.Value;
        h.Probe.Failure = "connection refused";

        var inStartPeriod = await h.Health.ProbeDueAsync(started.AddSeconds(10), Ct);
        var first = await h.Health.ProbeDueAsync(started.AddSeconds(40), Ct);
        var notDue = await h.Health.ProbeDueAsync(started.AddSeconds(45), Ct);
        var second = await h.Health.ProbeDueAsync(started.AddSeconds(50), Ct);
        var calls = h.Probe.Calls;
        await h.Reconciler.ReconcileAllAsync(Ct);
        var unhealthy = await h.LoadAsync(d.Id);
        h.Probe.Failure = null;
        var healed = await h.Health.ProbeDueAsync(started.AddSeconds(60), Ct);
        await h.Reconciler.ReconcileAllAsync(Ct);

        Assert.Empty(inStartPeriod);
        Assert.Empty(first);
        Assert.Empty(notDue);
        Assert.Equal([d.Id], second);
        // 10 s, 40 s and 50 s are the health check's; 45 s is readiness's: the web UI has never answered.
        Assert.Equal(4, calls);
        Assert.Equal((ObservedStatus.Unhealthy, "health check failed 2 times: connection refused"), (unhealthy.ObservedStatus, unhealthy.StatusReason));
        Assert.Equal([d.Id], healed);
        Assert.Equal(ObservedStatus.Running, (await h.LoadAsync(d.Id)).ObservedStatus);
    }
}
