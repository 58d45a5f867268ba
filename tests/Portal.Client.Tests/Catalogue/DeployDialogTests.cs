using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Client.Components.Deploy;
using Portal.Client.Services;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.Catalogue.Controls;

namespace Portal.Client.Tests.Catalogue;

/// <summary>The deploy dialog against a fake server: the form, the refusals, the progress until the deployment runs.</summary>
public sealed class DeployDialogTests : MudTestContext
{
    private static readonly Guid DeploymentId = Guid.Parse("6f9c1f57-6c1e-4b8e-9f0e-4c1a6f0e2a11");
    private readonly FakeHttpHandler _api;
    private readonly FakeLiveStreams _live;

    public DeployDialogTests()
    {
        _api = Services.AddFakeApi();
        _live = Services.AddFakeLive();
        _api.OnGet("/api/v1/auth/me", new MeResponse(5, "dana", null, ["member"], null, [new UserTeamResponse(4, "ops", "member")]));
        _api.OnGet("/api/v1/appliance-versions/7", Settings.Version());
        _api.OnGet("/api/v1/teams/4", new TeamResponse(4, "ops", 512L * 1024 * 1024, 2, 5, 1, DateTimeOffset.UnixEpoch, 3, 1));
    }

    [Fact]
    public async Task The_title_names_the_appliance_and_version_once_they_are_read()
    {
        var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.OnAsync(HttpMethod.Get, "/api/v1/appliance-versions/7", _ => answer.Task);
        var dialog = await OpenAsync("Loading the appliance's settings");
        Assert.Equal("Deploy appliance", dialog.Find(".mud-dialog-title h2").TextContent.Trim());

        answer.SetResult(FakeHttpHandler.Json(Settings.Version()));

        dialog.WaitForAssertion(() => Assert.Contains("Deployment name", dialog.Markup, StringComparison.Ordinal));
        dialog.WaitForAssertion(() => Assert.Equal("Deploy Notes 1.2.0", dialog.Find(".mud-dialog-title h2").TextContent.Trim()));
    }

    [Fact]
    public async Task Invalid_values_show_their_messages_and_nothing_is_sent()
    {
        var dialog = await OpenAsync();

        await Labelled(dialog, "Deployment name").InputAsync(new ChangeEventArgs { Value = "My Notes" });
        await Labelled(dialog, "Memory limit (MiB)").InputAsync(new ChangeEventArgs { Value = "1024" });
        await Button(dialog, "Deploy").ClickAsync(new MouseEventArgs());

        dialog.WaitForAssertion(() => Assert.Contains("Admin e-mail is required.", dialog.Markup, StringComparison.Ordinal));
        Assert.Contains("Use 1-63 lower-case letters, digits and '-'", dialog.Markup, StringComparison.Ordinal);
        Assert.Contains("Above the team's memory quota of 512 MiB by 512 MiB.", dialog.Markup, StringComparison.Ordinal);
        Assert.Contains("Correct the fields marked in red", dialog.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task A_valid_form_is_sent_with_typed_config_and_the_dialog_follows_the_deployment_until_its_web_ui_opens()
    {
        var reads = 0;
        _api.On(HttpMethod.Post, "/api/v1/teams/4/deployments", _ => FakeHttpHandler.Json(Deployment("Creating", null), HttpStatusCode.Created));
        _api.On(HttpMethod.Get, $"/api/v1/teams/4/deployments/{DeploymentId}", _ =>
            FakeHttpHandler.Json(Interlocked.Increment(ref reads) < 2 ? Deployment("Creating", null) : Deployment("Running", new Uri("http://portal.test:40123/"))));
        var dialog = await OpenAsync();
        dialog.WaitForAssertion(() => Assert.Contains("Team quota: memory 512 MiB, CPUs 2, deployments 1 of 5.", dialog.Markup, StringComparison.Ordinal));

        await Labelled(dialog, "Admin e-mail").InputAsync(new ChangeEventArgs { Value = "me@example.com" });
        await Labelled(dialog, "Maximum notes").InputAsync(new ChangeEventArgs { Value = "42" });
        await Button(dialog, "Deploy").ClickAsync(new MouseEventArgs());

        await _live.WaitForStartedAsync("DeploymentEvents", 1);
        Assert.Equal(DeploymentId, _live.Started.Single().Args[0]);
        Assert.Equal(0, reads);
        _live.Push("DeploymentEvents", new DeploymentEventResponse(DateTimeOffset.UnixEpoch, "deploy", "deploy requested"));
        await _live.WaitForDeliveredAsync("DeploymentEvents", 1);
        Assert.Contains("Deploying notes: Creating", dialog.Markup, StringComparison.Ordinal);
        _live.Push("DeploymentEvents", new DeploymentEventResponse(DateTimeOffset.UnixEpoch, "status", "running"));

        dialog.WaitForAssertion(() => Assert.Equal("http://portal.test:40123/", Button(dialog, "Open web UI").GetAttribute("href")));
        Assert.Equal(2, reads);
        Assert.Equal("_blank", Button(dialog, "Open web UI").GetAttribute("target"));
        Assert.Equal($"deployments/4/{DeploymentId}", Button(dialog, "Open the deployment page").GetAttribute("href"));
        Assert.Contains("notes is running.", dialog.Markup, StringComparison.Ordinal);
        var body = JsonDocument.Parse(_api.Requests.Single(r => r.Method == HttpMethod.Post).Body!).RootElement;
        Assert.Equal(7, body.GetProperty("applianceVersionId").GetInt32());
        Assert.Equal("notes", body.GetProperty("name").GetString());
        Assert.Equal(256L * 1024 * 1024, body.GetProperty("memoryLimitBytes").GetInt64());
        Assert.Equal(0.5, body.GetProperty("cpus").GetDouble());
        var config = body.GetProperty("config");
        Assert.Equal(JsonValueKind.Number, config.GetProperty("maxNotes").ValueKind);
        Assert.Equal(42, config.GetProperty("maxNotes").GetInt32());
        Assert.Equal(JsonValueKind.True, config.GetProperty("registration").ValueKind);
        Assert.Equal("me@example.com", config.GetProperty("adminEmail").GetString());
        Assert.False(config.TryGetProperty("adminPassword", out _));
    }

    [Fact]
    public async Task A_deployment_that_fails_to_start_says_why_and_stops_following()
    {
        _api.On(HttpMethod.Post, "/api/v1/teams/4/deployments", _ => FakeHttpHandler.Json(Deployment("Creating", null), HttpStatusCode.Created));
        _api.OnGet($"/api/v1/teams/4/deployments/{DeploymentId}",
            Deployment("Failed", null) with { StatusReason = "image registry.example/notes:1.2.0 is not in the engine" });
        var dialog = await SubmitValidFormAsync();

        _live.Push("DeploymentEvents", new DeploymentEventResponse(DateTimeOffset.UnixEpoch, "status", "failed: image registry.example/notes:1.2.0 is not in the engine"));

        dialog.WaitForAssertion(() => Assert.Equal("notes failed to start: image registry.example/notes:1.2.0 is not in the engine",
            dialog.Find(".mud-alert-message").TextContent.Trim()));
        Assert.Empty(dialog.FindAll("[aria-label='Deployment in progress']"));
    }

    [Fact]
    public async Task Without_the_event_stream_the_dialog_reads_the_deployment_on_a_timer()
    {
        _api.On(HttpMethod.Post, "/api/v1/teams/4/deployments", _ => FakeHttpHandler.Json(Deployment("Creating", null), HttpStatusCode.Created));
        _api.OnGet($"/api/v1/teams/4/deployments/{DeploymentId}", Deployment("Running", new Uri("http://portal.test:40123/")));
        var dialog = await SubmitValidFormAsync();

        _live.Fail("DeploymentEvents", new Microsoft.AspNetCore.SignalR.HubException("connection lost"));

        dialog.WaitForAssertion(() => Assert.Contains("notes is running.", dialog.Markup, StringComparison.Ordinal));
        Assert.Equal(0, _live.Delivered("DeploymentEvents"));
    }

    private async Task<IRenderedComponent<MudDialogProvider>> SubmitValidFormAsync()
    {
        var dialog = await OpenAsync();
        dialog.WaitForAssertion(() => Assert.Contains("Team quota:", dialog.Markup, StringComparison.Ordinal));
        await Labelled(dialog, "Admin e-mail").InputAsync(new ChangeEventArgs { Value = "me@example.com" });
        await Button(dialog, "Deploy").ClickAsync(new MouseEventArgs());
        await _live.WaitForStartedAsync("DeploymentEvents", 1);
        return dialog;
    }

    [Fact]
    public async Task A_refusal_is_shown_in_words_with_setting_problems_under_their_fields()
    {
        _api.On(HttpMethod.Post, "/api/v1/teams/4/deployments", _ => FakeHttpHandler.Problem(HttpStatusCode.Conflict, "Refused by admission control",
            "refused: memory: the team would use 768 MiB of its 512 MiB quota (256 MiB over)\nconfig.adminEmail: \"x@y\" is already used"));
        var dialog = await OpenAsync();

        await Labelled(dialog, "Admin e-mail").InputAsync(new ChangeEventArgs { Value = "x@y" });
        await Button(dialog, "Deploy").ClickAsync(new MouseEventArgs());

        dialog.WaitForAssertion(() => Assert.Contains("Refused by admission control", dialog.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Contains("the team would use 768 MiB of its 512 MiB quota (256 MiB over)", dialog.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("config.adminEmail", dialog.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Contains("\"x@y\" is already used", dialog.Markup, StringComparison.Ordinal);
        Button(dialog, "Deploy");
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(string shows = "Deployment name")
    {
        await Services.GetRequiredService<SessionState>().GetAuthenticationStateAsync();
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        await dialogs.InvokeAsync(() => service.ShowAsync<DeployDialog>("Deploy", new DialogParameters<DeployDialog>
        {
            { d => d.VersionId, 7 },
            { d => d.PollInterval, TimeSpan.FromMilliseconds(20) },
        }));
        dialogs.WaitForAssertion(() => Assert.Contains(shows, dialogs.Markup, StringComparison.Ordinal));
        return dialogs;
    }

    private static DeploymentResponse Deployment(string status, Uri? webUi) => new(
        DeploymentId, 4, "notes", 7, "1.2.0", null, "Running", status, null, webUi, 256L * 1024 * 1024, 500_000_000,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);
}
