using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>
/// Validates the config values of a deploy (or an upgrade, which passes the values kept so far) against the
/// appliance's settings: every problem with its path (<c>config.adminEmail: ...</c>), defaults filled, x-generate
/// values drawn for settings left empty. A value given is never replaced, so secrets generated once stay.
/// </summary>
public static class ConfigValuesValidator
{
    public static ConfigValuesResult Validate(ConfigSchema schema, JsonObject? values)
    {
        var given = values ?? [];
        var problems = new List<ManifestProblem>();
        var result = new JsonObject();
        var generated = new List<string>();
        foreach (var (key, _) in given)
        {
            if (schema.Find(key) is null)
            {
                problems.Add(new ManifestProblem(PathOf(key), "unknown setting"));
            }
        }
        foreach (var setting in schema.Settings)
        {
            var value = given[setting.Key]?.DeepClone();
            if (value is null && setting.Default is not null)
            {
                value = setting.Default.DeepClone();
            }

            if (value is null && setting.Generate is { } generate)
            {
                value = Generate(generate);
                generated.Add(setting.Key);
            }
            if (value is null)
            {
                if (setting.Required)
                {
                    problems.Add(new ManifestProblem(PathOf(setting.Key), "required"));
                }

                continue;
            }
            if (!ConfigSchemaEvaluator.TypeMatches(value, setting.Type))
            {
                problems.Add(new ManifestProblem(PathOf(setting.Key), $"expected {ConfigSchemaEvaluator.TypeName(setting.Type)}, got {value.ToJsonString()}"));
                continue;
            }
            foreach (var error in ConfigSchemaEvaluator.Errors(setting.Schema, value))
            {
                problems.Add(new ManifestProblem(PathOf(setting.Key), error));
            }

            result[setting.Key] = value;
        }
        var secrets = schema.Settings.Where(s => s.Secret).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        return new ConfigValuesResult(result, problems, secrets, generated);
    }

    /// <summary>A value of <see cref="ConfigGenerate.Length"/> characters drawn uniformly from the alphabet by the OS CSPRNG.</summary>
    public static string Generate(ConfigGenerate generate) =>
        RandomNumberGenerator.GetString(generate.Alphabet, generate.Length);

    private static string PathOf(string key) => ManifestPath.Key("config", key);
}
