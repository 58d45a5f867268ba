using System.Text.Json.Nodes;

namespace Portal.Client.Tests.Catalogue;

/// <summary>Config settings and an appliance version as GET /api/v1/appliance-versions/{id} returns them.</summary>
internal static class Settings
{
    public static ConfigSettingResponse Setting(string key, string type, string? title = null, bool required = false, bool secret = false,
        JsonNode? @default = null, JsonNode?[]? values = null, double? minimum = null, double? maximum = null, int? minLength = null,
        int? maxLength = null, string? pattern = null, ConfigGenerateResponse? generate = null, string? description = null) =>
        new(key, type, title ?? key, description, required, secret, @default, values, minimum, maximum, minLength, maxLength, pattern, generate);

    /// <summary>One setting of each kind, like the appliance format's full example.</summary>
    public static IReadOnlyList<ConfigSettingResponse> All { get; } =
    [
        Setting("adminEmail", "string", "Admin e-mail", required: true, pattern: "^[^@]+@[^@]+$", minLength: 3, maxLength: 40),
        Setting("greeting", "string", "Greeting", @default: "Hello"),
        Setting("theme", "string", "Theme", @default: "light", values: ["light", "dark"]),
        Setting("maxNotes", "integer", "Maximum notes", @default: 500, minimum: 1, maximum: 10000),
        Setting("ratio", "number", "Ratio", minimum: 0.5, maximum: 2.5),
        Setting("registration", "boolean", "Open registration", @default: true),
        Setting("adminPassword", "string", "Admin password", secret: true, generate: new ConfigGenerateResponse(24, "abc123")),
    ];

    public static ApplianceVersionDetailResponse Version(int id = 7, long? memory = 256L * 1024 * 1024, double? cpus = 0.5) => new(
        id, 3, "com.example.notes", "Notes", "1.2.0", "Shared notes", "Keeps notes.", "Adds a dark theme.", "Productivity", "Acme",
        false, $"/api/v1/appliance-versions/{id}/icon",
        new ApplianceLinksResponse("mailto:help@example.com", "https://example.com/docs", null),
        new ApplianceRequirementsResponse(memory, cpus, null),
        new WebUiResponse(8080, "/", "http"),
        new SecurityDisclosureResponse(["NET_BIND_SERVICE"], ["8080/tcp"], ["notes:/srv/data"], [], "1000:1000", true),
        All, DateTimeOffset.UnixEpoch);
}
