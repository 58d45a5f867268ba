using Portal.Server.Catalogues.Manifests.Yaml;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>
/// Parses and validates <c>appliance.yaml</c> (docs/appliance-format.md). Every problem is collected, none stops the
/// reading of the rest; paths read <c>services.web.privileged</c>, <c>x-appliance.webUi.port</c>.
/// </summary>
public sealed partial class ApplianceManifestParser
{
    public const int SupportedManifestVersion = 1;

    private readonly ManifestReader _r;
    private readonly ManifestTrust _trust;

    private ApplianceManifestParser(List<ManifestProblem> problems, ManifestTrust trust)
    {
        _r = new ManifestReader(problems);
        _trust = trust;
    }

    public static ManifestParseResult Parse(string yaml, ManifestTrust trust = ManifestTrust.Vendor)
    {
        var problems = new List<ManifestProblem>();
        var root = YamlTreeReader.Read(yaml, problems);
        if (root is null)
        {
            return new ManifestParseResult(null, problems);
        }

        var manifest = new ApplianceManifestParser(problems, trust).ReadRoot(root);
        return new ManifestParseResult(manifest, problems);
    }

    private ApplianceManifest? ReadRoot(YNode root)
    {
        if (_r.Map(root, "") is not { } map)
        {
            return null;
        }

        YNode? services = null, volumes = null, appliance = null;
        foreach (var (key, value, path) in _r.Entries(map, ""))
        {
            switch (key.Value)
            {
                case "services": services = value; break;
                case "volumes": volumes = value; break;
                case "x-appliance": appliance = value; break;
                case "networks" or "secrets" or "configs":
                    _r.NotAllowed(path, $"top-level {key.Value} are not supported; appliances get their network from the portal", key);
                    break;
                default:
                    if (!key.Value.StartsWith("x-", StringComparison.Ordinal))
                    {
                        _r.Unknown(path, key);
                    }

                    break;
            }
        }
        var declaredVolumes = volumes is null ? [] : ReadVolumeDeclarations(volumes);
        ApplianceInfo info;
        if (appliance is null)
        {
            _r.Error("x-appliance", "missing: the appliance block is required", null);
            info = new ApplianceInfo();
        }
        else
        {
            info = ReadAppliance(appliance, "x-appliance", declaredVolumes);
        }
        var service = services is null ? MissingService() : ReadServices(services, info, declaredVolumes);
        return new ApplianceManifest { Appliance = info, Service = service, Volumes = declaredVolumes };
    }

    private ApplianceService MissingService()
    {
        _r.Error("services", "missing: exactly one service is required", null);
        return new ApplianceService();
    }

    private List<string> ReadVolumeDeclarations(YNode node)
    {
        var names = new List<string>();
        foreach (var (key, value, path) in _r.Entries(node, "volumes"))
        {
            if (!IsVolumeName(key.Value))
            {
                _r.Error(path, "a volume name is letters, digits, '_', '.' or '-', starting with a letter or digit", key);
            }

            names.Add(key.Value);
            foreach (var (option, optionValue, optionPath) in _r.Entries(value, path))
            {
                switch (option.Value)
                {
                    case "labels": ReadLabels(optionValue, optionPath); break;
                    case "driver" or "driver_opts" or "external" or "name":
                        _r.NotAllowed(optionPath, "volumes are local to the portal and named after the deployment", option);
                        break;
                    default: _r.Unknown(optionPath, option); break;
                }
            }
        }
        return names;
    }

    private static bool IsVolumeName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
