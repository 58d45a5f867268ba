using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Portal.Server.Apis.Audit;
using Portal.Server.Apis.Catalogues;
using Portal.Server.Apis.Deployments;
using Portal.Server.Apis.Teams;
using Portal.Server.Apis.Users;
using Portal.Server.Apis.Vendors;
using Portal.Server.Catalogues.Demo;
using Portal.Server.Tests.Catalogues.Bundles;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>
/// Issue #4's "Done when" through the public REST surface of the real server process with the real engine: each step
/// builds on the ones before (one server per class, <see cref="PortalCoreJourneyFixture"/>), in the order of
/// <see cref="StepAttribute"/>.
/// </summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
[TestCaseOrderer(typeof(StepOrderer))]
public sealed partial class PortalCoreJourneyTests(PortalCoreJourneyFixture fixture) : IClassFixture<PortalCoreJourneyFixture>
{
    internal const string Admin = "root-admin";
    private const string DemoVendorUser = "demo-publisher";
    private const string OtherVendorUser = "example-publisher";
    private const string Tess = "tess";
    private const string Rick = "rick";
    private const string Greeting = "<b>Hej</b> & 'welcome'";
    private const string Note = "remember the <milk> & eggs";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Step(1)]
    public async Task Setup_token_creates_the_first_admin_admin_admin_is_refused_and_the_admin_creates_vendors_teams_and_members()
    {
        Root.Require();
        var server = await fixture.StartAsync();
        var token = await server.WaitForOutputAsync(SetupTokenLine());
        Assert.Equal(token, (await File.ReadAllTextAsync(Path.Combine(server.DataDirectory, "setup-token"), Ct)).Trim());

        var admin = fixture.As(Admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = "admin" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/setup", new { token, username = Admin, password = PortalCoreJourneyFixture.Password }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = "admin" }, Ct)).StatusCode);
        admin = await fixture.LoginAsync(Admin);

        fixture.DemoVendorId = (await CreatedAsync<VendorResponse>(admin, "/api/v1/vendors", new { name = DemoImages.Vendor })).Id;
        fixture.OtherVendorId = (await CreatedAsync<VendorResponse>(admin, "/api/v1/vendors", new { name = BundleBuilder.Vendor })).Id;
        await CreatedAsync<UserResponse>(admin, "/api/v1/users", new { username = DemoVendorUser, password = PortalCoreJourneyFixture.Password, role = "vendor", vendor = DemoImages.Vendor });
        await CreatedAsync<UserResponse>(admin, "/api/v1/users", new { username = OtherVendorUser, password = PortalCoreJourneyFixture.Password, role = "vendor", vendor = BundleBuilder.Vendor });
        var blue = await CreatedAsync<TeamResponse>(admin, "/api/v1/teams", new { name = "Blue", memoryQuotaBytes = 1L << 30, cpus = 2.0, maxDeployments = 4 });
        var red = await CreatedAsync<TeamResponse>(admin, "/api/v1/teams", new { name = "Red" });
        fixture.BlueTeamId = blue.Id;
        fixture.RedTeamId = red.Id;
        foreach (var (user, team) in new[] { (Tess, blue.Id), (Rick, red.Id) })
        {
            var created = await CreatedAsync<UserResponse>(admin, "/api/v1/users", new { username = user, password = PortalCoreJourneyFixture.Password });
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/teams/{team}/members/{created.Id}", new { role = "member" }, Ct)).StatusCode);
        }

        var tess = await fixture.LoginAsync(Tess);
        var blueAsTess = await tess.GetFromJsonAsync<TeamResponse>($"/api/v1/teams/{blue.Id}", PortalApiFactory.Json, Ct);
        Assert.Equal((1L << 30, 2.0, 4, 1), (blueAsTess!.MemoryQuotaBytes, blueAsTess.Cpus, blueAsTess.MaxDeployments, blueAsTess.MemberCount));
        Assert.Equal(HttpStatusCode.Forbidden, (await tess.GetAsync($"/api/v1/teams/{red.Id}", Ct)).StatusCode);
        await fixture.LoginAsync(Rick);
        await fixture.LoginAsync(DemoVendorUser);
        await fixture.LoginAsync(OtherVendorUser);
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "setup-token")));
    }

    [Fact]
    [Step(2)]
    public async Task Vendor_uploads_the_demo_bundle_streamed_and_its_three_appliances_are_listed_with_both_versions()
    {
        Root.Require();
        fixture.RequireServer();
        var bundle = Path.Combine(fixture.Directory, "demo.tar.gz");
        DemoCatalogue.WriteFile(bundle);

        HttpResponseMessage response;
        await using (var file = File.OpenRead(bundle))
        {
            using var content = new StreamContent(file);
            content.Headers.ContentType = new("application/gzip");
            response = await fixture.As(DemoVendorUser).PostAsync("/api/v1/catalogues", content, Ct);
        }

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var upload = await PortalApiFactory.ReadAsync<CatalogueUploadResponse>(response);
        Assert.Equal((DemoImages.Vendor, DemoCatalogue.Version, 6), (upload.Vendor, upload.CatalogueVersion, upload.Added.Count));
        Assert.Empty(upload.Problems);

        var appliances = await ListAppliancesAsync(fixture.As(Tess));
        Assert.Equal(["Greeter", "Notes", "Welcome Site"], appliances.Select(a => a.Title));
        Assert.All(appliances, a => Assert.Equal($"{DemoImages.Vendor}: 2.0.0, 1.0.0", $"{a.Vendor}: {string.Join(", ", a.Versions.Select(v => v.Version))}"));
        foreach (var appliance in appliances)
        {
            foreach (var version in appliance.Versions)
            {
                fixture.Versions[$"{appliance.Title} {version.Version}"] = version.Id;
            }
        }
    }

    [Fact]
    [Step(3)]
    public async Task Another_vendor_touching_the_demo_vendors_catalogue_is_refused_and_changes_nothing()
    {
        Root.Require();
        fixture.RequireServer();
        var other = fixture.As(OtherVendorUser);
        var before = await AppliancesJsonAsync();
        var demoApplianceInOwnCatalogue = new BundleBuilder().Catalogue("1.0.0", BundleBuilder.Vendor, "greeter")
            .Appliance("greeter", id: "io.portal.demo.greeter", version: "3.0.0");
        var demoVendorsCatalogue = new BundleBuilder().Catalogue("2.0.0", DemoImages.Vendor, "greeter")
            .Appliance("greeter", id: "io.portal.demo.greeter", version: "3.0.0");

        var asDemoVendor = await other.PostAsync($"/api/v1/catalogues?vendorId={fixture.DemoVendorId}", Gzip(demoVendorsCatalogue.TarGz()), Ct);
        var namingDemoVendor = await other.PostAsync("/api/v1/catalogues", Gzip(demoVendorsCatalogue.TarGz()), Ct);
        var demoAppliance = await other.PostAsync("/api/v1/catalogues", Gzip(demoApplianceInOwnCatalogue.TarGz()), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asDemoVendor.StatusCode);
        Assert.Equal("Forbidden", (await ProblemAsync(asDemoVendor)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, namingDemoVendor.StatusCode);
        Assert.Contains(await ProblemsAsync(namingDemoVendor), p => p.Path == "catalogue.yaml.vendor" && p.Message.Contains("is not the uploading vendor", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, demoAppliance.StatusCode);
        Assert.Contains(await ProblemsAsync(demoAppliance), p => p.Path == "appliances[0].x-appliance.id" && p.Message.Contains("published by another vendor", StringComparison.Ordinal));
        Assert.Equal(before, await AppliancesJsonAsync());
    }

    [Fact]
    [Step(4)]
    public async Task Team_member_deploys_greeter_with_config_values_shown_escaped_and_another_teams_member_is_refused()
    {
        Root.Require();
        fixture.RequireServer();
        var tess = fixture.As(Tess);
        var config = new JsonObject { ["GREETING"] = Greeting, ["AUDIENCE"] = "Blue team", ["MAX_VISITORS"] = 7, ["MAINTENANCE"] = true };

        var created = await CreatedAsync<DeploymentResponse>(tess, $"/api/v1/teams/{fixture.BlueTeamId}/deployments",
            new { applianceVersionId = fixture.Versions["Greeter 1.0.0"], name = "greeter", config });
        fixture.Greeter = await WaitRunningAsync(tess, created);

        Assert.Equal(("1.0.0", "127.0.0.1"), (fixture.Greeter.ApplianceVersion, fixture.Greeter.WebUiUrl!.Host));
        var page = await WebProbe.GetStringAsync(fixture.Greeter.WebUiUrl, Ct);
        Assert.Contains("<dd id=\"greeting\">&lt;b&gt;Hej&lt;/b&gt; &amp; &#39;welcome&#39;</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"audience\">Blue team</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"max-visitors\">7</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"maintenance\">true</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"admin-token\">set (24 characters, not shown)</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Hej</b>", page, StringComparison.Ordinal);

        var rick = fixture.As(Rick);
        var path = $"/api/v1/teams/{fixture.BlueTeamId}/deployments/{created.Id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await rick.GetAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rick.PostAsJsonAsync(path + "/stop", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rick.DeleteAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rick.GetAsync($"/api/v1/teams/{fixture.RedTeamId}/deployments/{created.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rick.PostAsJsonAsync($"/api/v1/teams/{fixture.RedTeamId}/deployments/{created.Id}/stop", new { }, Ct)).StatusCode);
        Assert.Empty((await rick.GetFromJsonAsync<List<DeploymentResponse>>("/api/v1/deployments", PortalApiFactory.Json, Ct))!);
        Assert.Equal("Running", (await GetDeploymentAsync(tess, created)).Status);
        await AssertLiveStreamsAsync(fixture.Greeter);
    }

    [Fact]
    [Step(5)]
    public async Task Notes_written_in_v1_survive_the_upgrade_to_v2_and_the_rollback_to_v1()
    {
        Root.Require();
        fixture.RequireServer();
        var tess = fixture.As(Tess);
        var created = await CreatedAsync<DeploymentResponse>(tess, $"/api/v1/teams/{fixture.BlueTeamId}/deployments",
            new { applianceVersionId = fixture.Versions["Notes 1.0.0"], name = "notes" });
        var notes = await WaitRunningAsync(tess, created);
        var url = notes.WebUiUrl!;
        Assert.Equal(HttpStatusCode.SeeOther, await WebProbe.PostFormAsync(new Uri(url, "/cgi-bin/index.cgi"), "note", Note, Ct));
        await AssertNotesPageAsync(url, "1.0.0");

        var upgrade = await tess.PostAsJsonAsync($"/api/v1/teams/{fixture.BlueTeamId}/deployments/{notes.Id}/upgrade",
            new { targetVersionId = fixture.Versions["Notes 2.0.0"], version = notes.Version }, Ct);
        Assert.True(upgrade.IsSuccessStatusCode, await upgrade.Content.ReadAsStringAsync(Ct));
        var upgraded = await WaitRunningAsync(tess, notes, "2.0.0");
        Assert.Equal((url, fixture.Versions["Notes 1.0.0"]), (upgraded.WebUiUrl, upgraded.PreviousApplianceVersionId));
        await AssertNotesPageAsync(url, "2.0.0");

        var rollback = await tess.PostAsJsonAsync($"/api/v1/teams/{fixture.BlueTeamId}/deployments/{notes.Id}/rollback", new { version = upgraded.Version }, Ct);
        Assert.True(rollback.IsSuccessStatusCode, await rollback.Content.ReadAsStringAsync(Ct));
        fixture.Notes = await WaitRunningAsync(tess, notes, "1.0.0");
        Assert.Equal((url, fixture.Versions["Notes 2.0.0"]), (fixture.Notes.WebUiUrl, fixture.Notes.PreviousApplianceVersionId));
        await AssertNotesPageAsync(url, "1.0.0");
    }

    [Fact]
    [Step(6)]
    public async Task Killed_server_restarts_with_deployments_running_web_uis_answering_at_the_same_url_and_sessions_valid()
    {
        Root.Require();
        var server = fixture.RequireServer();
        var greeter = fixture.Greeter ?? throw new InvalidOperationException("step 4 did not deploy the greeter");
        var notes = fixture.Notes ?? throw new InvalidOperationException("step 5 did not deploy the notes");

        await server.KillAsync();
        await server.DisposeAsync();
        await fixture.StartAsync();

        var tess = fixture.As(Tess);
        var listed = await tess.GetFromJsonAsync<List<DeploymentResponse>>("/api/v1/deployments", PortalApiFactory.Json, Ct);
        Assert.Equal(new[] { greeter.Id, notes.Id }.Order(), listed!.Select(d => d.Id).Order());
        var greeterNow = await WaitRunningAsync(tess, greeter, "1.0.0");
        var notesNow = await WaitRunningAsync(tess, notes, "1.0.0");
        Assert.Equal((greeter.WebUiUrl, notes.WebUiUrl), (greeterNow.WebUiUrl, notesNow.WebUiUrl));
        Assert.Contains("<dd id=\"greeting\">&lt;b&gt;Hej&lt;/b&gt; &amp; &#39;welcome&#39;</dd>", await WebProbe.GetStringAsync(greeterNow.WebUiUrl!, Ct), StringComparison.Ordinal);
        await AssertNotesPageAsync(notesNow.WebUiUrl!, "1.0.0");
        // The same containers carried on (Docker's live restore), not new ones.
        var containers = (await fixture.RequireServer().OkAsync("ps", "-a", "--format", "{{.Names}} {{.State}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, containers.Length);
        Assert.All(containers, c => Assert.EndsWith(" running", c, StringComparison.Ordinal));

        foreach (var user in new[] { Admin, DemoVendorUser, OtherVendorUser, Rick })
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.As(user).GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        }

        // Streams resume: a client connecting to the new server process gets the same deployment's log and stats.
        await AssertLiveStreamsAsync(greeterNow);
    }

    [Fact]
    [Step(7)]
    public async Task Bundle_with_five_mistakes_is_422_listing_all_five_with_their_paths_and_changes_nothing()
    {
        Root.Require();
        fixture.RequireServer();
        var before = await AppliancesJsonAsync();
        var imagesBefore = await fixture.RequireServer().OkAsync("images", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}");

        var response = await fixture.As(OtherVendorUser).PostAsync("/api/v1/catalogues", Gzip(BundleBuilder.WithFiveMistakes().TarGz()), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = await ProblemsAsync(response);
        Assert.Equal(
            ["catalogue.yaml.version", "appliances[0].x-appliance.webUi.port", "appliances[1].icon", "appliances[2]", "appliances[3].services.web.privileged"],
            problems.Select(p => p.Path));
        Assert.Equal(BundleBuilder.FiveMistakes.Take(4), problems.Take(4).Select(p => p.Text));
        Assert.StartsWith(BundleBuilder.FiveMistakes[4], problems[4].Text, StringComparison.Ordinal);
        Assert.Equal(before, await AppliancesJsonAsync());
        Assert.Equal(imagesBefore, await fixture.RequireServer().OkAsync("images", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"));
        Assert.Contains("portal-demo/io.portal.demo.greeter:1.0.0", imagesBefore, StringComparison.Ordinal);
    }

    [Fact]
    [Step(8)]
    public async Task Privileged_mode_a_host_bind_and_an_undisclosed_capability_are_refused_on_upload_deploy_and_upgrade()
    {
        Root.Require();
        fixture.RequireServer();
        var tess = fixture.As(Tess);
        var before = await AppliancesJsonAsync();
        var upload = await fixture.As(OtherVendorUser).PostAsync("/api/v1/catalogues", Gzip(new BundleBuilder()
            .Catalogue("1.1.0", BundleBuilder.Vendor, "privileged", "bind", "capability")
            .Appliance("privileged", id: "com.example.privileged", serviceExtra: "    privileged: true")
            .Appliance("bind", id: "com.example.bind", serviceExtra: "    volumes:\n      - /etc:/host-etc")
            .Appliance("capability", id: "com.example.capability", serviceExtra: "    cap_add: [NET_ADMIN]")
            .TarGz()), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.Equal(
            [("appliances[0].services.web.privileged", "privileged mode"), ("appliances[1].services.web.volumes[0]", "host bind mount of /etc"),
             ("appliances[2].services.web.cap_add[0]", "NET_ADMIN is not disclosed in x-appliance.security.capabilities")],
            (await ProblemsAsync(upload)).Select(p => (p.Path, Known(p.Message))));
        Assert.Equal(before, await AppliancesJsonAsync());

        // Deploy and upgrade re-check the stored manifest under the vendor policy: make stored versions ask for all three.
        var welcome = fixture.Versions["Welcome Site 1.0.0"];
        var greeter2 = fixture.Versions["Greeter 2.0.0"];
        var originals = new Dictionary<int, string>();
        foreach (var id in new[] { welcome, greeter2 })
        {
            originals[id] = await ManifestYamlAsync(id);
            await SetManifestYamlAsync(id, originals[id].Replace("\n  web:\n", "\n  web:\n    privileged: true\n    volumes:\n      - /etc:/host-etc\n    cap_add: [NET_ADMIN]\n", StringComparison.Ordinal));
        }

        try
        {
            var deploy = await tess.PostAsJsonAsync($"/api/v1/teams/{fixture.BlueTeamId}/deployments", new { applianceVersionId = welcome, name = "welcome" }, Ct);
            var greeter = fixture.Greeter ?? throw new InvalidOperationException("step 4 did not deploy the greeter");
            var upgrade = await tess.PostAsJsonAsync($"/api/v1/teams/{fixture.BlueTeamId}/deployments/{greeter.Id}/upgrade", new { targetVersionId = greeter2 }, Ct);

            foreach (var refused in new[] { deploy, upgrade })
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                var detail = (await ProblemAsync(refused)).GetProperty("detail").GetString();
                Assert.Contains("services.web.privileged: not allowed: privileged mode", detail, StringComparison.Ordinal);
                Assert.Contains("services.web.volumes[0]: not allowed: host bind mount of /etc", detail, StringComparison.Ordinal);
                Assert.Contains("services.web.cap_add[0]: not allowed: NET_ADMIN is not disclosed", detail, StringComparison.Ordinal);
            }

            var deployments = await tess.GetFromJsonAsync<List<DeploymentResponse>>("/api/v1/deployments", PortalApiFactory.Json, Ct);
            Assert.DoesNotContain(deployments!, d => d.Name == "welcome");
            var greeterNow = Assert.Single(deployments!, d => d.Id == greeter.Id);
            Assert.Equal(("1.0.0", "Running"), (greeterNow.ApplianceVersion, greeterNow.Status));
            Assert.Single((await fixture.RequireServer().OkAsync("ps", "--format", "{{.Names}}", "--filter", $"label=portal.deployment={greeter.Id}")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            foreach (var (id, yaml) in originals)
            {
                await SetManifestYamlAsync(id, yaml);
            }
        }
    }

    [Fact]
    [Step(9)]
    public async Task Unauthenticated_api_calls_are_401()
    {
        Root.Require();
        fixture.RequireServer();
        var anonymous = fixture.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/deployments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/catalogues", Gzip(new BundleBuilder().Catalogue().TarGz()), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/appliances", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit", Ct)).StatusCode);
        var greeter = fixture.Greeter ?? throw new InvalidOperationException("step 4 did not deploy the greeter");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/teams/{greeter.TeamId}/deployments/{greeter.Id}/stop", new { }, Ct)).StatusCode);
        Assert.Equal("Running", (await GetDeploymentAsync(fixture.As(Tess), greeter)).Status);
        await AssertHubRefusesAnonymousAsync();
    }

    [Fact]
    [Step(10)]
    public async Task Audit_log_shows_every_step_with_who_when_and_from_where()
    {
        Root.Require();
        fixture.RequireServer();
        var page = await fixture.As(Admin).GetFromJsonAsync<AuditPage>("/api/v1/audit?pageSize=500", PortalApiFactory.Json, Ct);
        var entries = page!.Items;
        Assert.True(page.Total == entries.Count, $"{page.Total} entries, more than one page");

        int Count(string action, string actor, Func<AuditEntryResponse, bool>? where = null) =>
            entries.Count(e => e.Action == action && e.Actor == actor && (where is null || where(e)));
        bool Detail(AuditEntryResponse e, string name, string value) =>
            e.Details is { } d && d.TryGetProperty(name, out var p) && p.ToString() == value;

        Assert.Equal(1, entries.Count(e => e.Action == "setup.token-issued"));
        Assert.Equal(1, Count("setup.completed", "setup", e => Detail(e, "username", Admin)));
        Assert.Equal(2, Count("auth.login-failed", "anonymous", e => Detail(e, "username", "admin")));
        foreach (var user in new[] { Admin, DemoVendorUser, OtherVendorUser, Tess, Rick })
        {
            Assert.True(Count("auth.login", user) >= 1, $"no login of {user}");
        }

        Assert.Equal(2, Count("vendor.create", Admin));
        Assert.Equal(4, Count("user.create", Admin));
        Assert.Equal(2, Count("team.create", Admin));
        Assert.Equal(2, Count("membership.set", Admin));
        Assert.Equal(1, Count("catalogue.upload", DemoVendorUser, e => Detail(e, "added", "6")));
        Assert.Equal(4, Count("catalogue.upload-refused", OtherVendorUser, e => Detail(e, "status", "Invalid")));
        Assert.Equal(1, Count("catalogue.upload-refused", OtherVendorUser, e => Detail(e, "problems", "5")));
        Assert.Equal(2, Count("deployment.create", Tess));
        Assert.Equal(1, Count("deployment.upgrade", Tess, e => e.TargetId == fixture.Notes!.Id.ToString()));
        Assert.Equal(1, Count("deployment.rollback", Tess, e => e.TargetId == fixture.Notes!.Id.ToString()));
        // Step 8's deploy and upgrade of tampered manifests; step 4's and step 3's refusals.
        Assert.Equal(2, Count("deployment.refused", Tess, e => Detail(e, "status", "400") && e.Details!.Value.GetProperty("reason").GetString()!.Contains("privileged", StringComparison.Ordinal)));
        Assert.True(Count("access.denied", Rick, e => e.TargetId!.Contains(fixture.Greeter!.Id.ToString(), StringComparison.Ordinal)) >= 3, "Rick's 403s are not audited");
        Assert.True(Count("access.denied", OtherVendorUser) >= 1, "the other vendor's 403 is not audited");
        Assert.DoesNotContain(entries, e => e.Action.StartsWith("deployment.", StringComparison.Ordinal) && e.Actor != Tess);

        var now = DateTimeOffset.UtcNow;
        Assert.All(entries, e =>
        {
            Assert.InRange(e.At, fixture.StartedAt.AddSeconds(-1), now.AddSeconds(1));
            Assert.False(string.IsNullOrEmpty(e.Actor));
            Assert.True(e.Actor is "anonymous" or "setup" || e.ActorUserId is not null, $"{e.Action} by {e.Actor} has no user id");
            if (e.Action != "setup.token-issued")
            {
                Assert.Equal("127.0.0.1", e.RemoteAddress);
            }
        });
    }

    private static string Known(string message) =>
        new[] { "privileged mode", "host bind mount of /etc", "NET_ADMIN is not disclosed in x-appliance.security.capabilities" }
            .FirstOrDefault(m => message.Contains(m, StringComparison.Ordinal)) ?? message;

    private async Task AssertNotesPageAsync(Uri url, string version)
    {
        var page = await WebProbe.GetStringAsync(url, Ct);
        Assert.Contains($"version {version}", page, StringComparison.Ordinal);
        Assert.Contains("remember the &lt;milk&gt; &amp; eggs</li>", page, StringComparison.Ordinal);
    }

    private async Task<List<ApplianceResponse>> ListAppliancesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<ApplianceResponse>>("/api/v1/appliances", PortalApiFactory.Json, Ct))!;

    private Task<string> AppliancesJsonAsync() => fixture.As(Admin).GetStringAsync("/api/v1/appliances", Ct);

    private static async Task<DeploymentResponse> GetDeploymentAsync(HttpClient client, DeploymentResponse deployment) =>
        (await client.GetFromJsonAsync<DeploymentResponse>($"/api/v1/teams/{deployment.TeamId}/deployments/{deployment.Id}", PortalApiFactory.Json, Ct))!;

    /// <summary>Polls until the reconciler reports the deployment running (on <paramref name="version"/>) with a web UI URL.</summary>
    private static async Task<DeploymentResponse> WaitRunningAsync(HttpClient client, DeploymentResponse deployment, string? version = null)
    {
        DeploymentResponse current = deployment;
        for (var i = 0; i < 300; i++)
        {
            current = await GetDeploymentAsync(client, deployment);
            if (current is { Status: "Running", WebUiUrl: not null } && (version is null || current.ApplianceVersion == version))
            {
                return current;
            }

            Assert.NotEqual("Failed", current.Status);
            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"deployment {deployment.Name} is {current.Status} ({current.StatusReason}) on {current.ApplianceVersion}, not running {version}");
    }

    private static async Task<T> CreatedAsync<T>(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await PortalApiFactory.ReadAsync<T>(response);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    private static async Task<IReadOnlyList<UploadProblem>> ProblemsAsync(HttpResponseMessage response) =>
        (await PortalApiFactory.ReadAsync<CatalogueUploadResponse>(response)).Problems;

    private static ByteArrayContent Gzip(byte[] bundle)
    {
        var content = new ByteArrayContent(bundle);
        content.Headers.ContentType = new("application/gzip");
        return content;
    }

    private async Task<string> ManifestYamlAsync(int versionId)
    {
        await using var db = await OpenDatabaseAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT ManifestYaml FROM ApplianceVersions WHERE Id = $id";
        command.Parameters.AddWithValue("$id", versionId);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task SetManifestYamlAsync(int versionId, string yaml)
    {
        await using var db = await OpenDatabaseAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "UPDATE ApplianceVersions SET ManifestYaml = $yaml WHERE Id = $id";
        command.Parameters.AddWithValue("$yaml", yaml);
        command.Parameters.AddWithValue("$id", versionId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }

    private async Task<SqliteConnection> OpenDatabaseAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.DatabasePath, DefaultTimeout = 10, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }

    [GeneratedRegex(@"One-time setup token: (\S+) ")]
    private static partial Regex SetupTokenLine();
}
