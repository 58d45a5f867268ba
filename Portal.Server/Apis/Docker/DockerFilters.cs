using System.Text.Json;
using Portal.Engine.Errors;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// The "filters" query parameter: URL-encoded JSON of sets, {"name":{"web":true}}, or the legacy
/// {"name":["web"]} form. Keys outside the endpoint's allowed set are rejected, as Docker does.
/// </summary>
internal sealed class DockerFilters
{
    private readonly Dictionary<string, List<string>> values;

    private DockerFilters(Dictionary<string, List<string>> values) => this.values = values;

    public static DockerFilters Parse(string? json, params string[] allowed)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return new DockerFilters(values);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidArgumentException($"invalid filters parameter: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidArgumentException("invalid filters parameter: want a JSON object of filter sets");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new InvalidArgumentException($"invalid filter '{property.Name}'");
                }

                var list = values.TryGetValue(property.Name, out var existing) ? existing : values[property.Name] = [];
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        list.AddRange(property.Value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.False).Select(p => p.Name));
                        break;
                    case JsonValueKind.Array:
                        list.AddRange(property.Value.EnumerateArray().Select(v => v.GetString() ?? ""));
                        break;
                    default:
                        throw new InvalidArgumentException($"invalid filter '{property.Name}': want a set of values");
                }
            }
        }

        return new DockerFilters(values);
    }

    /// <summary>True when the filter is absent, or when any of its values satisfies <paramref name="match"/>.</summary>
    public bool Matches(string key, Func<string, bool> match) =>
        !values.TryGetValue(key, out var list) || list.Count == 0 || list.Any(match);

    /// <summary>Label filters: every "k" must be present and every "k=v" must match.</summary>
    public bool MatchesLabels(IReadOnlyDictionary<string, string> labels)
    {
        if (!values.TryGetValue("label", out var list))
        {
            return true;
        }

        return list.All(filter =>
        {
            var eq = filter.IndexOf('=', StringComparison.Ordinal);
            return eq < 0
                ? labels.ContainsKey(filter)
                : labels.TryGetValue(filter[..eq], out var value) && value == filter[(eq + 1)..];
        });
    }
}
