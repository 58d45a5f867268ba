using System.Text.Json.Nodes;

namespace Portal.Client.Components.Deploy;

/// <summary>
/// The config part of the deploy form, generated from an appliance version's settings: one <see cref="ConfigField"/>
/// per setting in manifest order, validated together, producing the JSON object for <see cref="DeployBody.Config"/>.
/// </summary>
public sealed class ConfigForm
{
    public ConfigForm(IEnumerable<ConfigSettingResponse> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Fields = [.. settings.Select(s => new ConfigField(s))];
    }

    public IReadOnlyList<ConfigField> Fields { get; }

    public ConfigField? this[string key] => Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>Every field's problem, keyed by setting; empty when the form may be sent.</summary>
    public IReadOnlyDictionary<string, string> Validate() =>
        Fields.Select(f => (f.Key, Error: f.Validate())).Where(p => p.Error is not null).ToDictionary(p => p.Key, p => p.Error!);

    public bool IsValid => Validate().Count == 0;

    /// <summary>The values given, each as JSON of its setting's type; empty fields are left out for the server's default or generated value.</summary>
    public JsonObject ToConfig()
    {
        var config = new JsonObject();
        foreach (var field in Fields)
        {
            if (field.ToJson() is { } value)
            {
                config[field.Key] = value;
            }
        }

        return config;
    }

    /// <summary>
    /// Puts the server's "config.&lt;key&gt;: message" problems under their fields; returns the lines that name no field.
    /// </summary>
    public IReadOnlyList<string> ApplyServerProblems(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var rest = new List<string>();
        foreach (var line in lines)
        {
            var field = line.StartsWith("config.", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 7
                ? this[line[7..colon]]
                : null;
            if (field is null)
            {
                rest.Add(line);
            }
            else
            {
                field.ServerError = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return rest;
    }
}
