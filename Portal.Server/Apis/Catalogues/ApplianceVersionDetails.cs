using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Apis.Catalogues;

/// <summary>An appliance version's detail from its stored manifest; what the manifest leaves out falls back to the appliance (filled from the image at import).</summary>
public static class ApplianceVersionDetails
{
    public static ApplianceVersionDetailResponse From(ApplianceVersion version, ApplianceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(manifest);
        var appliance = version.Appliance ?? throw new ArgumentException("the version's appliance must be loaded", nameof(version));
        var info = manifest.Appliance;
        var service = manifest.Service;
        return new ApplianceVersionDetailResponse(
            version.Id, appliance.Id, appliance.StableId,
            OrNull(info.Title) ?? appliance.Title, version.Version,
            OrNull(info.Tagline) ?? appliance.Tagline, OrNull(info.Description) ?? appliance.Description,
            OrNull(info.ReleaseNotes) ?? version.ReleaseNotes, OrNull(info.Category) ?? appliance.Category,
            appliance.Vendor?.Name ?? info.Vendor,
            version.Icon is not null, $"/api/v1/appliance-versions/{version.Id}/icon",
            new ApplianceLinksResponse(OrNull(info.Links.Support), OrNull(info.Links.Docs), OrNull(info.Links.Homepage)),
            new ApplianceRequirementsResponse(info.Requirements.MemoryBytes ?? service.MemoryLimitBytes, info.Requirements.Cpus ?? service.Cpus,
                OrNull(info.Requirements.MinPortalVersion)),
            info.WebUi is { } web ? new WebUiResponse(web.Port, web.Path, web.Scheme) : null,
            new SecurityDisclosureResponse(
                [.. info.Security.Capabilities.Union(service.CapAdd.Select(Capability), StringComparer.Ordinal)],
                [.. service.Ports.Select(p => p.ToString())],
                [.. service.Volumes.Select(v => $"{v.Source}:{v.Target}{(v.ReadOnly ? ":ro" : "")}")],
                info.Security.HostMounts,
                OrNull(info.Security.RunAs) ?? OrNull(service.User),
                service.ReadOnly),
            [.. info.Config.Settings.Select(Setting)],
            version.CreatedAt);
    }

    /// <summary>Screenshot <paramref name="position"/> of version <paramref name="versionId"/>, its caption defaulting to "&lt;title&gt; screenshot N".</summary>
    public static ApplianceScreenshotResponse Screenshot(int versionId, string title, int position, string? caption, string mediaType) =>
        new(position, ScreenshotUrl(versionId, position), ApplianceScreenshot.AltText(caption, title, position), mediaType);

    public static string ScreenshotUrl(int versionId, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/appliance-versions/{versionId}/screenshots/{position}");

    public static ConfigSettingResponse Setting(ConfigSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var schema = setting.Schema;
        return new ConfigSettingResponse(
            setting.Key, setting.Type.ToString().ToLowerInvariant(), OrNull(setting.Title) ?? setting.Key, OrNull(setting.Description),
            setting.Required, setting.Secret, setting.Default?.DeepClone(),
            schema["enum"] is JsonArray values ? [.. values.Select(v => v?.DeepClone())] : null,
            Number(schema["minimum"]), Number(schema["maximum"]),
            (int?)Number(schema["minLength"]), (int?)Number(schema["maxLength"]),
            schema["pattern"] is JsonValue pattern && pattern.TryGetValue(out string? text) ? text : null,
            setting.Generate is { } generate ? new ConfigGenerateResponse(generate.Length, generate.Alphabet) : null);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Capability(string name) =>
        (name.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? name[4..] : name).ToUpperInvariant();

    private static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
