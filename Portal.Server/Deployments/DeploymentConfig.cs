using System.Text.Json.Nodes;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Deployments;

/// <summary>A deployment's config values: validated against a version's schema, stored split into plain and secret JSON.</summary>
public static class DeploymentConfig
{
    /// <summary>
    /// Validates <paramref name="values"/> (defaults filled, x-generate drawn); throws <see cref="DeploymentException"/>
    /// listing every problem as <c>config.key: message</c>. Returns (plain JSON, secret JSON).
    /// </summary>
    public static (string Plain, string Secret) Validate(ConfigSchema schema, JsonObject? values)
    {
        var result = ConfigValuesValidator.Validate(schema, values);
        if (!result.IsValid)
        {
            var problems = result.Problems.Select(p => p.ToString()).ToList();
            throw new DeploymentException(DeploymentErrorKind.Invalid, "invalid config values: " + string.Join("; ", problems), problems);
        }

        var plain = new JsonObject();
        var secret = new JsonObject();
        foreach (var (key, value) in result.Values)
        {
            (result.IsSecret(key) ? secret : plain)[key] = value?.DeepClone();
        }

        return (plain.ToJsonString(), secret.ToJsonString());
    }

    /// <summary>Plain and secret values as one object, as interpolation and re-validation need them.</summary>
    public static JsonObject Merge(string plainJson, string secretJson)
    {
        var merged = new JsonObject();
        foreach (var json in new[] { plainJson, secretJson })
        {
            if (JsonNode.Parse(json) is JsonObject values)
            {
                foreach (var (key, value) in values)
                {
                    merged[key] = value?.DeepClone();
                }
            }
        }

        return merged;
    }

    /// <summary>
    /// The stored values carried to another version: settings the other version no longer has are dropped, new ones
    /// get their defaults (or generated values) in <see cref="Validate"/>, kept ones — generated secrets too — stay.
    /// </summary>
    public static JsonObject CarryOver(JsonObject stored, ConfigSchema target)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(target);
        var carried = new JsonObject();
        foreach (var (key, value) in stored)
        {
            if (target.Find(key) is not null)
            {
                carried[key] = value?.DeepClone();
            }
        }

        return carried;
    }
}
