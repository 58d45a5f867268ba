using Portal.Engine.Images;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>
/// Cross-checks a manifest with the image it names: OCI annotations (then labels) org.opencontainers.image.* fill
/// the title, description, vendor and homepage a manifest leaves out; the web UI port must be exposed by the image or
/// declared in the service's ports; the versions must agree when both are given; the disclosed runAs must be the
/// user the image runs as when the service does not set one.
/// </summary>
public static class ApplianceImageCheck
{
    public const string Prefix = "org.opencontainers.image.";

    public static ImageCheckResult Apply(ApplianceManifest manifest, ImageDetails image)
    {
        var problems = new List<ManifestProblem>();
        var info = manifest.Appliance;
        info = info with
        {
            Title = Fill(info.Title, image, "title"),
            Description = Fill(info.Description, image, "description"),
            Vendor = Fill(info.Vendor, image, "vendor"),
            Links = info.Links with { Homepage = Fill(info.Links.Homepage, image, "url") },
        };
        if (info.Title.Length == 0)
        {
            problems.Add(new ManifestProblem("x-appliance.title", $"missing, and the image has no {Prefix}title"));
        }

        if (info.WebUi is { } ui && !manifest.Service.Ports.Contains(new ServicePort(ui.Port)) && !Exposes(image.Config, ui.Port))
        {
            problems.Add(new ManifestProblem("x-appliance.webUi.port", $"{ui.Port} is not exposed by the image"));
        }

        var imageVersion = Metadata(image, "version");
        if (imageVersion.Length > 0 && info.Version.Length > 0
            && ManifestValues.ComparableVersion(imageVersion) != ManifestValues.ComparableVersion(info.Version))
        {
            problems.Add(new ManifestProblem("x-appliance.version", $"{info.Version} differs from the image's {Prefix}version {imageVersion}"));
        }

        if (info.Security.RunAs.Length > 0 && manifest.Service.User.Length == 0 && !SameUser(info.Security.RunAs, image.Config.User))
        {
            var runs = image.Config.User.Length == 0 ? "root (no user set)" : $"\"{image.Config.User}\"";
            problems.Add(new ManifestProblem("x-appliance.security.runAs", $"\"{info.Security.RunAs}\" differs from the image, which runs as {runs}"));
        }
        return new ImageCheckResult(manifest with { Appliance = info }, problems);
    }

    /// <summary>An org.opencontainers.image.* value: the manifest annotation, else the config label, else "".</summary>
    public static string Metadata(ImageDetails image, string name)
    {
        var key = Prefix + name;
        if (image.Annotations.TryGetValue(key, out var annotation) && annotation.Trim().Length > 0)
        {
            return annotation.Trim();
        }

        return image.Config.Labels.TryGetValue(key, out var label) ? label.Trim() : "";
    }

    private static string Fill(string current, ImageDetails image, string name) =>
        current.Length > 0 ? current : Metadata(image, name);

    private static bool Exposes(ImageConfig config, int port) =>
        config.ExposedPorts.Any(p => p == $"{port}/tcp" || p == port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static bool SameUser(string runAs, string imageUser) =>
        runAs == imageUser || (runAs is "root" or "0" or "0:0" && imageUser is "" or "root" or "0" or "0:0");
}
