using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>Evaluates one value against one setting's JSON Schema with JsonSchema.Net; x- keywords are Portal's own and left out.</summary>
internal static class ConfigSchemaEvaluator
{
    public static IReadOnlyList<string> Errors(JsonObject settingSchema, JsonNode? value)
    {
        var schemaJson = new JsonObject();
        foreach (var (key, node) in settingSchema)
        {
            if (!key.StartsWith("x-", StringComparison.Ordinal))
            {
                schemaJson[key] = node?.DeepClone();
            }
        }
        var schema = JsonSchema.FromText(schemaJson.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var instance = JsonDocument.Parse(value?.ToJsonString() ?? "null");
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>(results.Errors?.Values ?? Enumerable.Empty<string>());
        foreach (var detail in results.Details ?? [])
        {
            errors.AddRange(detail.Errors?.Values ?? Enumerable.Empty<string>());
        }

        errors = [.. errors.Distinct()];
        return errors.Count > 0 ? errors : ["does not match the setting's schema"];
    }

    public static bool TypeMatches(JsonNode? value, ConfigType type) => value is JsonValue v && (type, v.GetValueKind()) switch
    {
        (ConfigType.String, JsonValueKind.String) => true,
        (ConfigType.Boolean, JsonValueKind.True or JsonValueKind.False) => true,
        (ConfigType.Number, JsonValueKind.Number) => true,
        (ConfigType.Integer, JsonValueKind.Number) =>
            double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && Math.Floor(d) == d,
        _ => false,
    };

    public static string TypeName(ConfigType type) => type switch
    {
        ConfigType.String => "a string",
        ConfigType.Integer => "an integer",
        ConfigType.Number => "a number",
        _ => "true or false",
    };
}
