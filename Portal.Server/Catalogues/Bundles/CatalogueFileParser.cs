using Portal.Server.Catalogues.Manifests;
using Portal.Server.Catalogues.Manifests.Yaml;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>Reads catalogue.yaml with the manifest's YAML reader: allow-listed keys, every problem under "catalogue.yaml".</summary>
internal static class CatalogueFileParser
{
    public const string Prefix = CatalogueFile.FileName;

    public static CatalogueFile Parse(string yaml, int maxAppliances, List<ManifestProblem> problems)
    {
        var local = new List<ManifestProblem>();
        var file = Read(yaml, maxAppliances, local);
        problems.AddRange(local.Select(p => p.Under(Prefix)));
        return file;
    }

    private static CatalogueFile Read(string yaml, int maxAppliances, List<ManifestProblem> problems)
    {
        var file = new CatalogueFile();
        var root = YamlTreeReader.Read(yaml, problems);
        if (root is null)
        {
            return file;
        }

        var r = new ManifestReader(problems);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value, path) in r.Entries(root, ""))
        {
            seen.Add(key.Value);
            switch (key.Value)
            {
                case "vendor":
                    file = file with { Vendor = r.Text(value, path) ?? "" };
                    break;
                case "version":
                    var version = r.String(value, path) ?? "";
                    if (version.Length > 0 && !ManifestValues.IsSemver(version))
                    {
                        r.Error(path, $"\"{version}\" is not a semantic version (like 1.4.2 or 2.0.0-rc.1)", value);
                    }

                    file = file with { Version = version };
                    break;
                case "title":
                    file = file with { Title = r.String(value, path) ?? "" };
                    break;
                case "description":
                    file = file with { Description = r.String(value, path) ?? "" };
                    break;
                case "appliances":
                    file = file with { Appliances = ReadAppliances(r, value, path, maxAppliances) };
                    break;
                default:
                    r.Unknown(path, key);
                    break;
            }
        }

        foreach (var required in new[] { "vendor", "version", "appliances" })
        {
            if (!seen.Contains(required))
            {
                r.Error(required, "missing: required", null);
            }
        }

        return file;
    }

    private static List<string> ReadAppliances(ManifestReader r, YNode node, string path, int maxAppliances)
    {
        var list = new List<string>();
        foreach (var (item, itemPath) in r.Items(node, path))
        {
            if (r.Text(item, itemPath) is not { } text)
            {
                list.Add("");
                continue;
            }

            var directory = text.Trim().TrimEnd('/');
            if (!BundlePath.IsSafeRelative(directory))
            {
                r.Error(itemPath, $"\"{text}\" is not a relative directory inside the bundle (no leading '/', no '..')", item);
            }
            else if (list.Contains(directory, StringComparer.Ordinal))
            {
                r.Error(itemPath, $"\"{text}\" is listed twice", item);
            }

            list.Add(directory);
        }

        if (node is Manifests.Yaml.YSequence && list.Count == 0)
        {
            r.Error(path, "must list at least one appliance directory", node);
        }

        if (list.Count > maxAppliances)
        {
            r.Error(path, $"{list.Count} appliances, more than the {maxAppliances} allowed (Portal:Catalogues:MaxAppliances)", node);
        }

        return list;
    }
}
