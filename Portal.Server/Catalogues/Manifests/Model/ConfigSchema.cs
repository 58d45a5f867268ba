using System.Text.Json.Nodes;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>The appliance's config settings, in manifest order.</summary>
public sealed record ConfigSchema(IReadOnlyList<ConfigSetting> Settings)
{
    public static ConfigSchema Empty { get; } = new([]);

    public ConfigSetting? Find(string key) => Settings.FirstOrDefault(s => s.Key == key);

    /// <summary>The whole config as one JSON Schema (draft 2020-12) object, for forms and API clients.</summary>
    public JsonObject ToJsonSchema()
    {
        var properties = new JsonObject();
        foreach (var setting in Settings)
        {
            properties[setting.Key] = setting.Schema.DeepClone();
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. Settings.Where(s => s.Required).Select(s => JsonValue.Create(s.Key))]),
            ["additionalProperties"] = false,
        };
    }
}
