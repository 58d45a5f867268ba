using Portal.Server.Catalogues.Manifests.Yaml;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>Typed reads over the YAML tree; each wrong shape is reported with its path and position and yields null.</summary>
internal sealed class ManifestReader(List<ManifestProblem> problems)
{
    public List<ManifestProblem> Problems { get; } = problems;

    public void Error(string path, string message, YNode? at) => Problems.Add(ManifestProblem.At(path, message, at?.Mark));

    public void NotAllowed(string path, string reason, YNode? at) => Error(path, $"not allowed: {reason}", at);

    public void Unknown(string path, YScalar key) => Error(path, "unknown key", key);

    /// <summary>The entries of a mapping with their paths; reports a non-mapping.</summary>
    public IEnumerable<(YScalar Key, YNode Value, string Path)> Entries(YNode? node, string path)
    {
        if (Map(node, path) is not { } map)
        {
            yield break;
        }

        foreach (var (key, value) in map.Entries)
        {
            yield return (key, value, ManifestPath.Key(path, key.Value));
        }
    }

    /// <summary>The items of a list with their paths; reports a non-list.</summary>
    public IEnumerable<(YNode Item, string Path)> Items(YNode node, string path)
    {
        if (Sequence(node, path) is not { } seq)
        {
            yield break;
        }

        for (var i = 0; i < seq.Items.Count; i++)
        {
            yield return (seq.Items[i], ManifestPath.Item(path, i));
        }
    }

    public YMap? Map(YNode? node, string path)
    {
        if (node is YMap map)
        {
            return map;
        }

        if (node is YScalar { IsNull: true })
        {
            return new YMap(node.Mark, []);
        }

        Expected(node, path, "a mapping");
        return null;
    }

    public string? String(YNode node, string path)
    {
        if (node is YScalar { IsNull: false } s)
        {
            return s.Value;
        }

        Expected(node, path, "a string");
        return null;
    }

    /// <summary>A non-empty string.</summary>
    public string? Text(YNode node, string path)
    {
        var s = String(node, path);
        if (s is not null && s.Trim().Length == 0)
        {
            Error(path, "must not be empty", node);
            return null;
        }
        return s;
    }

    public long? Integer(YNode node, string path, long min = long.MinValue, long max = long.MaxValue)
    {
        if (node is not YScalar { AsInteger: { } value })
        {
            Expected(node, path, "an integer");
            return null;
        }
        if (value < min || value > max)
        {
            Error(path, max == long.MaxValue ? $"{value} is below {min}" : $"{value} is outside {min}..{max}", node);
            return null;
        }
        return value;
    }

    public double? Number(YNode node, string path)
    {
        if (node is YScalar { AsNumber: { } value })
        {
            return value;
        }

        Expected(node, path, "a number");
        return null;
    }

    public bool? Bool(YNode node, string path)
    {
        if (node is YScalar { AsBool: { } value })
        {
            return value;
        }

        Expected(node, path, "true or false");
        return null;
    }

    /// <summary>A list of strings; with <paramref name="allowSingle"/> a lone string is a list of one.</summary>
    public List<string>? Strings(YNode node, string path, bool allowSingle = false)
    {
        if (allowSingle && node is YScalar { IsNull: false } one)
        {
            return [one.Value];
        }

        if (node is not YSequence seq)
        {
            Expected(node, path, allowSingle ? "a string or a list of strings" : "a list of strings");
            return null;
        }
        var list = new List<string>();
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (String(seq.Items[i], ManifestPath.Item(path, i)) is { } s)
            {
                list.Add(s);
            }
        }
        return list;
    }

    public YSequence? Sequence(YNode node, string path)
    {
        if (node is YSequence seq)
        {
            return seq;
        }

        Expected(node, path, "a list");
        return null;
    }

    private void Expected(YNode? node, string path, string what) =>
        Error(path, node is null ? $"expected {what}" : $"expected {what}, got {node.Describe()}", node);
}
