using System.Text.Json.Nodes;

namespace Portal.Server.Apis.Docker;

/// <summary>The small JSON building blocks the Docker shapes share.</summary>
internal static class JsonNodes
{
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    /// <summary>Docker's set notation: {"8080/tcp":{}}.</summary>
    public static JsonObject Set(IEnumerable<string> keys) =>
        new(keys.Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject())));
}
