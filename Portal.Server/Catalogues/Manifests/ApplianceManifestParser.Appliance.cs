using Portal.Server.Catalogues.Manifests.Yaml;

namespace Portal.Server.Catalogues.Manifests;

public sealed partial class ApplianceManifestParser
{
    private ApplianceInfo ReadAppliance(YNode node, string path, List<string> declaredVolumes)
    {
        var info = new ApplianceInfo();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            seen.Add(key.Value);
            info = key.Value switch
            {
                "manifestVersion" => info with { ManifestVersion = ReadManifestVersion(value, p) },
                "id" => info with { Id = Checked(value, p, ManifestValues.IsReverseDns, "is not a reverse-DNS id (like com.example.notes: lower-case labels joined by dots)") },
                "version" => info with { Version = Checked(value, p, ManifestValues.IsSemver, "is not a semantic version (like 1.4.2 or 2.0.0-rc.1)") },
                "title" => info with { Title = _r.Text(value, p) ?? "" },
                "tagline" => info with { Tagline = _r.String(value, p) ?? "" },
                "description" => info with { Description = _r.String(value, p) ?? "" },
                "icon" => info with { Icon = Checked(value, p, IsBundlePath, BundlePathComplaint) },
                "screenshots" => info with { Screenshots = ReadScreenshots(value, p) },
                "category" => info with { Category = _r.Text(value, p) ?? "" },
                "vendor" => info with { Vendor = _r.Text(value, p) ?? "" },
                "links" => info with { Links = ReadLinks(value, p) },
                "releaseNotes" => info with { ReleaseNotes = _r.String(value, p) ?? "" },
                "webUi" => info with { WebUi = ReadWebUi(value, p) },
                "config" => info with { Config = ReadConfig(value, p) },
                "requirements" => info with { Requirements = ReadRequirements(value, p) },
                "security" => info with { Security = ReadSecurity(value, p) },
                "volumes" => info with { KeepVolumes = ReadKeptVolumes(value, p, declaredVolumes) },
                _ => Unknown(info, p, key),
            };
        }
        foreach (var required in (string[])["manifestVersion", "id", "version"])
        {
            if (!seen.Contains(required))
            {
                _r.Error(ManifestPath.Key(path, required), "missing", node);
            }
        }
        return info;
    }

    private T Unknown<T>(T unchanged, string path, YScalar key)
    {
        _r.Unknown(path, key);
        return unchanged;
    }

    private int ReadManifestVersion(YNode value, string path)
    {
        if (_r.Integer(value, path) is not { } version)
        {
            return 0;
        }

        if (version != SupportedManifestVersion)
        {
            _r.Error(path, $"manifest version {version} is not supported (this portal reads version {SupportedManifestVersion})", value);
        }

        return (int)version;
    }

    private string Checked(YNode value, string path, Func<string, bool> valid, string complaint)
    {
        if (_r.String(value, path) is not { } text)
        {
            return "";
        }

        if (!valid(text))
        {
            _r.Error(path, $"\"{text}\" {complaint}", value);
        }

        return text;
    }

    private static bool IsBundlePath(string path) => Bundles.BundlePath.IsSafeRelative(path);

    private const string BundlePathComplaint = "must be a relative path inside the bundle (no leading /, no ..)";

    /// <summary>Each item is a path, or a mapping with <c>path</c> and an optional <c>caption</c> (the image's text alternative).</summary>
    private List<ApplianceScreenshot> ReadScreenshots(YNode value, string path)
    {
        var screenshots = new List<ApplianceScreenshot>();
        if (value is YSequence { Items.Count: > ApplianceScreenshot.MaxCount } many)
        {
            _r.Error(path, $"{many.Items.Count} screenshots; at most {ApplianceScreenshot.MaxCount} are allowed", value);
        }

        foreach (var (item, p) in _r.Items(value, path))
        {
            if (item is not YMap)
            {
                screenshots.Add(new ApplianceScreenshot(Checked(item, p, IsBundlePath, BundlePathComplaint)));
                continue;
            }

            string? file = null, caption = "";
            foreach (var (key, entry, ep) in _r.Entries(item, p))
            {
                switch (key.Value)
                {
                    case "path": file = Checked(entry, ep, IsBundlePath, BundlePathComplaint); break;
                    case "caption": caption = ReadCaption(entry, ep); break;
                    default: _r.Unknown(ep, key); break;
                }
            }
            if (file is null)
            {
                _r.Error(ManifestPath.Key(p, "path"), "missing", item);
            }

            screenshots.Add(new ApplianceScreenshot(file ?? "", caption));
        }
        return screenshots;
    }

    private string ReadCaption(YNode value, string path)
    {
        var caption = _r.Text(value, path)?.Trim() ?? "";
        if (caption.Length > ApplianceScreenshot.MaxCaptionLength)
        {
            _r.Error(path, $"{caption.Length} characters; a caption has at most {ApplianceScreenshot.MaxCaptionLength}", value);
        }
        else if (caption.Any(char.IsControl))
        {
            _r.Error(path, "must be one line of text (no line breaks or control characters)", value);
        }

        return caption;
    }

    private ApplianceLinks ReadLinks(YNode node, string path)
    {
        var links = new ApplianceLinks();
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            links = key.Value switch
            {
                "support" => links with { Support = Checked(value, p, u => IsUrl(u, allowMail: true), "is not an http(s) or mailto: URL") },
                "docs" => links with { Docs = Checked(value, p, u => IsUrl(u, allowMail: false), "is not an http(s) URL") },
                "homepage" => links with { Homepage = Checked(value, p, u => IsUrl(u, allowMail: false), "is not an http(s) URL") },
                _ => Unknown(links, p, key),
            };
        }
        return links;
    }

    private static bool IsUrl(string text, bool allowMail) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme is "http" or "https" || (allowMail && uri.Scheme == "mailto"));

    private WebUi? ReadWebUi(YNode node, string path)
    {
        int? port = null;
        string uiPath = "/", scheme = "http";
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            switch (key.Value)
            {
                case "port": port = (int?)_r.Integer(value, p, 1, 65535); break;
                case "path": uiPath = Checked(value, p, s => s.StartsWith('/'), "must start with /"); break;
                case "scheme": scheme = Checked(value, p, s => s is "http" or "https", "must be http or https"); break;
                default: _r.Unknown(p, key); break;
            }
        }
        if (port is null && node is YMap map && map["port"] is null)
        {
            _r.Error(ManifestPath.Key(path, "port"), "missing", node);
        }

        return port is { } value2 ? new WebUi(value2, uiPath, scheme) : null;
    }

    private ApplianceRequirements ReadRequirements(YNode node, string path)
    {
        var requirements = new ApplianceRequirements();
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            requirements = key.Value switch
            {
                "memory" => requirements with { MemoryBytes = ReadByteSize(value, p) },
                "cpus" => requirements with { Cpus = ReadCpus(value, p) },
                "minPortalVersion" => requirements with { MinPortalVersion = Checked(value, p, ManifestValues.IsSemver, "is not a semantic version") },
                _ => Unknown(requirements, p, key),
            };
        }
        return requirements;
    }

    private long? ReadByteSize(YNode value, string path)
    {
        if (_r.String(value, path) is not { } text)
        {
            return null;
        }

        var bytes = ManifestValues.ParseByteSize(text);
        if (bytes is null)
        {
            _r.Error(path, $"\"{text}\" is not a size (like 256Mi, 1Gi or 512m)", value);
        }

        return bytes;
    }

    private double? ReadCpus(YNode value, string path)
    {
        var cpus = value is YScalar { AsNumber: null, IsNull: false } s
                   && double.TryParse(s.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : _r.Number(value, path);
        if (cpus is <= 0)
        {
            _r.Error(path, "must be more than 0", value);
            return null;
        }
        return cpus;
    }

    private SecurityDisclosure ReadSecurity(YNode node, string path)
    {
        var security = new SecurityDisclosure();
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            switch (key.Value)
            {
                case "capabilities":
                    security = security with { Capabilities = ReadCapabilities(value, p, allowAll: false) };
                    break;
                case "hostMounts":
                    var mounts = _r.Strings(value, p) ?? [];
                    if (_trust == ManifestTrust.Vendor && mounts.Count > 0)
                    {
                        _r.NotAllowed(p, "vendor appliances may not mount host paths; the list must be empty", value);
                    }

                    for (var i = 0; i < mounts.Count; i++)
                    {
                        if (!mounts[i].StartsWith('/'))
                        {
                            _r.Error(ManifestPath.Item(p, i), $"\"{mounts[i]}\" is not an absolute host path", value);
                        }
                    }
                    security = security with { HostMounts = mounts };
                    break;
                case "runAs":
                    security = security with { RunAs = _r.Text(value, p) ?? "" };
                    break;
                default:
                    _r.Unknown(p, key);
                    break;
            }
        }
        return security;
    }

    private List<string> ReadCapabilities(YNode value, string path, bool allowAll)
    {
        var names = new List<string>();
        foreach (var (item, p) in _r.Items(value, path))
        {
            if (_r.String(item, p) is not { } raw)
            {
                continue;
            }

            if (allowAll && raw.Equals("ALL", StringComparison.OrdinalIgnoreCase))
            {
                names.Add("ALL");
            }
            else if (ManifestValues.NormalizeCapability(raw) is { } name)
            {
                names.Add(name);
            }
            else
            {
                _r.Error(p, $"\"{raw}\" is not a Linux capability", item);
            }
        }
        return names;
    }

    private List<string> ReadKeptVolumes(YNode value, string path, List<string> declared)
    {
        var names = new List<string>();
        foreach (var (item, p) in _r.Items(value, path))
        {
            if (_r.String(item, p) is not { } name)
            {
                continue;
            }

            if (!declared.Contains(name))
            {
                _r.Error(p, $"volume \"{name}\" is not declared under the top-level volumes", item);
            }

            names.Add(name);
        }
        return names;
    }
}
