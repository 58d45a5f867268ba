using System.Text.RegularExpressions;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>Builds problem paths: dotted keys, <c>[i]</c> for items, <c>["a.b"]</c> for keys that are not plain words.</summary>
public static partial class ManifestPath
{
    public static string Key(string parent, string key)
    {
        if (!PlainKey().IsMatch(key))
        {
            return $"{parent}[\"{key.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    public static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : path.StartsWith('[') ? prefix + path : $"{prefix}.{path}";

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PlainKey();
}
