using System.Collections.Concurrent;
using Portal.Data.Entities;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Deployments;

/// <summary>
/// The manifest of an appliance version, parsed again from its YAML under the vendor policy: a manifest that asks for
/// privileged mode, a host bind or an undisclosed capability is refused at deploy and upgrade too, not only at upload.
/// </summary>
public static class DeploymentManifests
{
    private static readonly ConcurrentDictionary<string, ManifestParseResult> Parsed = new(StringComparer.Ordinal);

    public static ApplianceManifest Load(ApplianceVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var result = Parsed.GetOrAdd(version.ManifestYaml, yaml => ApplianceManifestParser.Parse(yaml, ManifestTrust.Vendor));
        if (!result.IsValid)
        {
            throw new DeploymentException(DeploymentErrorKind.Invalid,
                $"appliance version {version.Version} has an invalid manifest: {string.Join("; ", result.Problems.Select(p => p.ToString()))}",
                [.. result.Problems.Select(p => p.ToString())]);
        }

        return result.Manifest!;
    }
}
