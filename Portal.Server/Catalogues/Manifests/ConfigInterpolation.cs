using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>
/// The interpolation syntax of <c>environment</c>, <c>command</c> and <c>entrypoint</c> values:
/// <c>${config.key}</c> is replaced by the deployment's value of setting <c>key</c>, <c>$$</c> is a literal <c>$</c>,
/// and any other <c>$</c> is an error (Compose would read it from the host's environment; Portal does not).
/// </summary>
public static partial class ConfigInterpolation
{
    /// <summary>The config keys <paramref name="template"/> refers to, and what is wrong with its syntax.</summary>
    public static (IReadOnlyList<string> Keys, IReadOnlyList<string> Errors) Inspect(string template)
    {
        var keys = new List<string>();
        var errors = new List<string>();
        Scan(template, key =>
        {
            keys.Add(key);
            return "";
        }, errors);
        return (keys, errors);
    }

    /// <summary>
    /// Renders a template with the config values (strings as they are, numbers invariantly, booleans as
    /// "true"/"false", a missing or null value as empty). Throws <see cref="FormatException"/> on bad syntax, which
    /// a parsed manifest does not have.
    /// </summary>
    public static string Render(string template, JsonObject values)
    {
        var errors = new List<string>();
        var text = Scan(template, key => Format(values[key]), errors);
        return errors.Count == 0 ? text : throw new FormatException(errors[0]);
    }

    private static string Format(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };

    private static string Scan(string template, Func<string, string> resolve, List<string> errors)
    {
        var output = new StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                output.Append(template, i, template.Length - i);
                break;
            }
            output.Append(template, i, dollar - i);
            if (dollar + 1 < template.Length && template[dollar + 1] == '$')
            {
                output.Append('$');
                i = dollar + 2;
                continue;
            }
            var match = Reference().Match(template, dollar);
            if (match.Success && match.Index == dollar)
            {
                output.Append(resolve(match.Groups[1].Value));
                i = dollar + match.Length;
                continue;
            }
            var close = template.IndexOf('}', dollar);
            var shown = template[dollar] is '$' && dollar + 1 < template.Length && template[dollar + 1] == '{' && close > 0
                ? template[dollar..(close + 1)]
                : template[dollar..Math.Min(template.Length, dollar + 2)];
            errors.Add($"{shown} is not a config reference: write ${{config.<key>}}, or $$ for a literal $");
            output.Append('$');
            i = dollar + 1;
        }
        return output.ToString();
    }

    [GeneratedRegex(@"\$\{config\.([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();
}
