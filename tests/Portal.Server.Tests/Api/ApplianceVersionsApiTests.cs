using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Tests.Catalogues;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

/// <summary>GET /api/v1/appliance-versions/{id} (what the detail page and the deploy form show) and GET /api/v1/categories.</summary>
public sealed class ApplianceVersionsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Appliance = """
        tagline: Shared notes
        description: Keeps notes.
        releaseNotes: Adds a dark theme.
        category: Productivity
        links:
          support: mailto:help@example.com
          docs: https://example.com/docs
        requirements:
          memory: 256Mi
          cpus: 0.5
        security:
          capabilities: [NET_BIND_SERVICE]
          runAs: "1000:1000"
        config:
          required: [adminEmail]
          properties:
            adminEmail: {type: string, title: Admin e-mail, description: Who gets mail, pattern: "^[^@]+@[^@]+$", minLength: 3, maxLength: 80}
            theme: {type: string, enum: [light, dark], default: light}
            maxNotes: {type: integer, minimum: 1, maximum: 10000, default: 500}
            ratio: {type: number, minimum: 0.5}
            registration: {type: boolean, default: false}
            adminPassword: {type: string, x-generate: {length: 24, alphabet: abc123}}
        """;

    private const string Service = """
        user: "1000:1000"
        cap_drop: [ALL]
        cap_add: [NET_BIND_SERVICE]
        read_only: true
        ports: [8080]
        volumes: ["data:/srv/data"]
        """;

    [Fact]
    public async Task A_version_shows_its_manifest_disclosure_and_every_config_setting_with_its_rules_and_json_types()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        await PortalApiFactory.CreateUserAsync(admin, "reader");
        var reader = await factory.LoginClientAsync("reader");
        var id = await SeedAsync(factory, ManifestYaml.Build(Service, Appliance), "Productivity");

        var detail = await reader.GetFromJsonAsync<ApplianceVersionDetailResponse>($"/api/v1/appliance-versions/{id}", PortalApiFactory.Json, Ct);
        var missing = await reader.GetAsync("/api/v1/appliance-versions/9999", Ct);

        Assert.NotNull(detail);
        Assert.Equal(("Notes", "1.2.0", "Acme", "Adds a dark theme."), (detail.Title, detail.Version, detail.Vendor, detail.ReleaseNotes));
        Assert.Equal("com.example.notes", detail.StableId);
        Assert.Equal(("mailto:help@example.com", "https://example.com/docs"), (detail.Links.Support, detail.Links.Docs));
        Assert.Equal(268435456L, detail.Requirements.MemoryBytes);
        Assert.Equal(0.5, detail.Requirements.Cpus);
        Assert.Equal(new WebUiResponse(8080, "/", "http"), detail.WebUi);
        Assert.Equal(["NET_BIND_SERVICE"], detail.Security.Capabilities);
        Assert.Equal(["8080/tcp"], detail.Security.Ports);
        Assert.Equal(["data:/srv/data"], detail.Security.Volumes);
        Assert.Equal("1000:1000", detail.Security.RunAs);
        Assert.True(detail.Security.ReadOnlyRootFilesystem);
        Assert.Equal(["adminEmail", "theme", "maxNotes", "ratio", "registration", "adminPassword"], detail.Config.Select(s => s.Key));
        Assert.Equal(["string", "string", "integer", "number", "boolean", "string"], detail.Config.Select(s => s.Type));
        var email = detail.Config[0];
        Assert.Equal(("Admin e-mail", "Who gets mail", true, "^[^@]+@[^@]+$", 3, 80), (email.Title, email.Description, email.Required, email.Pattern, email.MinLength, email.MaxLength));
        Assert.Equal(["light", "dark"], detail.Config[1].Enum!.Select(v => v!.GetValue<string>()));
        Assert.Equal("light", detail.Config[1].Default!.GetValue<string>());
        Assert.Equal((1d, 10000d), (detail.Config[2].Minimum, detail.Config[2].Maximum));
        Assert.Equal(500, detail.Config[2].Default!.GetValue<int>());
        Assert.Equal(0.5, detail.Config[3].Minimum);
        Assert.Null(detail.Config[3].Maximum);
        Assert.Equal(JsonValueKind.False, detail.Config[4].Default!.GetValueKind());
        Assert.Equal("registration", detail.Config[4].Title);
        var secret = detail.Config[5];
        Assert.True(secret.Secret);
        Assert.False(secret.Required);
        Assert.Equal(new ConfigGenerateResponse(24, "abc123"), secret.Generate);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Screenshots_are_listed_in_order_with_urls_and_captions_and_served_like_icons_with_a_private_cache()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        await PortalApiFactory.CreateUserAsync(admin, "reader");
        var reader = await factory.LoginClientAsync("reader");
        var id = await SeedAsync(factory, ManifestYaml.Build(), null);
        var bare = await SeedAsync(factory, ManifestYaml.Build(), null, "com.example.bare");
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 7];
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.ApplianceVersionScreenshots.AddRange(
                new ApplianceVersionScreenshot { ApplianceVersionId = id, Position = 1, Content = [0xff, 0xd8, 0xff], MediaType = "image/jpeg", Caption = "The editor" },
                new ApplianceVersionScreenshot { ApplianceVersionId = id, Position = 0, Content = png, MediaType = "image/png" });
            await db.SaveChangesAsync(Ct);
        }

        var detail = await reader.GetFromJsonAsync<ApplianceVersionDetailResponse>($"/api/v1/appliance-versions/{id}", PortalApiFactory.Json, Ct);
        var none = await reader.GetFromJsonAsync<ApplianceVersionDetailResponse>($"/api/v1/appliance-versions/{bare}", PortalApiFactory.Json, Ct);
        using var first = await reader.GetAsync($"/api/v1/appliance-versions/{id}/screenshots/0", Ct);
        using var missing = await reader.GetAsync($"/api/v1/appliance-versions/{id}/screenshots/2", Ct);
        using var anonymous = await factory.CreateClient().GetAsync($"/api/v1/appliance-versions/{id}/screenshots/0", Ct);

        Assert.Equal(
            [new ApplianceScreenshotResponse(0, $"/api/v1/appliance-versions/{id}/screenshots/0", "Notes screenshot 1", "image/png"),
             new ApplianceScreenshotResponse(1, $"/api/v1/appliance-versions/{id}/screenshots/1", "The editor", "image/jpeg")],
            detail!.Screenshots);
        Assert.Empty(none!.Screenshots);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(png, await first.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", first.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl is { Private: true, MaxAge: not null }, first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains($"No screenshot 2 of appliance version with id {id}.", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Categories_are_distinct_sorted_and_need_a_signed_in_user()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        await SeedAsync(factory, ManifestYaml.Build(), "web", "com.example.a");
        await SeedAsync(factory, ManifestYaml.Build(), "Productivity", "com.example.b");
        await SeedAsync(factory, ManifestYaml.Build(), "web", "com.example.c");
        await SeedAsync(factory, ManifestYaml.Build(), null, "com.example.d");

        var categories = await admin.GetFromJsonAsync<List<string>>("/api/v1/categories", PortalApiFactory.Json, Ct);
        var anonymous = await factory.CreateClient().GetAsync("/api/v1/categories", Ct);

        Assert.Equal(["Productivity", "web"], categories);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<int> SeedAsync(PortalApiFactory factory, string yaml, string? category, string stableId = "com.example.notes")
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var vendor = db.Vendors.SingleOrDefault(v => v.Name == "Acme") ?? new Vendor { Name = "Acme" };
        var catalogue = new Catalogue { Vendor = vendor, CatalogueVersion = stableId };
        var appliance = new Appliance { Vendor = vendor, StableId = stableId, Title = "Notes", Category = category };
        var version = new ApplianceVersion
        {
            Appliance = appliance,
            Catalogue = catalogue,
            Version = "1.2.0",
            ManifestYaml = yaml,
            ManifestJson = "{}",
            ImageReference = "example/notes:1.2.0",
            ImageDigest = "sha256:" + new string('0', 64),
        };
        db.ApplianceVersions.Add(version);
        await db.SaveChangesAsync(Ct);
        return version.Id;
    }
}
