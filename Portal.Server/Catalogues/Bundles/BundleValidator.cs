using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Engine.Errors;
using Portal.Engine.Images;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// Checks an extracted bundle completely before anything is committed and collects every problem with its path:
/// catalogue.yaml, each appliance's manifest (vendor trust), icon and image (read from its archive, not stored), the
/// manifest against the image, and the rules against what is stored (catalogue version new for the vendor, vendor
/// named is the uploader, appliance ids not another vendor's, an existing version unchanged).
/// </summary>
internal sealed class BundleValidator(IImageArchiveLoader archives, BundleOptions options)
{
    public const string ManifestFile = "appliance.yaml";
    public const string ImageArchiveFile = "image.tar";
    public const string ImageLayoutDirectory = "image";
    private static readonly string[] DefaultIcons = ["icon.svg", "icon.png", "icon.jpg", "icon.jpeg"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<ValidatedBundle> ValidateAsync(PortalDbContext db, Vendor vendor, string root, List<ManifestProblem> problems,
        IProgress<BundleProgress>? progress, CancellationToken cancellationToken)
    {
        var catalogue = new CatalogueFile();
        var catalogueText = ReadText(root, CatalogueFile.FileName, CatalogueFile.FileName, options.MaxYamlBytes, problems, $"missing at the top of the bundle");
        if (catalogueText is not null)
        {
            catalogue = CatalogueFileParser.Parse(catalogueText, options.MaxAppliances, problems);
        }

        if (catalogue.Vendor.Length > 0 && !string.Equals(catalogue.Vendor.Trim(), vendor.Name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new ManifestProblem($"{CatalogueFile.FileName}.vendor", $"\"{catalogue.Vendor}\" is not the uploading vendor \"{vendor.Name}\""));
        }

        var versionExists = false;
        if (catalogue.Version.Length > 0
            && await db.Catalogues.AnyAsync(c => c.VendorId == vendor.Id && c.CatalogueVersion == catalogue.Version, cancellationToken).ConfigureAwait(false))
        {
            versionExists = true;
            problems.Add(new ManifestProblem($"{CatalogueFile.FileName}.version", $"{catalogue.Version} was already uploaded by {vendor.Name}; a new catalogue needs a new version"));
        }

        var validated = new List<ValidatedAppliance>();
        for (var i = 0; i < catalogue.Appliances.Count; i++)
        {
            progress?.Report(new BundleProgress(BundlePhase.Validating, i, catalogue.Appliances.Count, catalogue.Appliances[i]));
            var directory = catalogue.Appliances[i];
            if (!BundlePath.IsSafeRelative(directory))
            {
                continue;
            }

            var appliance = await ValidateApplianceAsync(db, vendor, root, i, directory, problems, cancellationToken).ConfigureAwait(false);
            if (appliance is null)
            {
                continue;
            }

            if (validated.FirstOrDefault(v => string.Equals(v.Id, appliance.Id, StringComparison.OrdinalIgnoreCase) && v.Version == appliance.Version) is { } twin)
            {
                problems.Add(new ManifestProblem($"appliances[{i}].x-appliance.version", $"{appliance.Id} {appliance.Version} is also appliances[{twin.Index}]"));
                continue;
            }

            validated.Add(appliance);
        }

        progress?.Report(new BundleProgress(BundlePhase.Validating, catalogue.Appliances.Count, catalogue.Appliances.Count));
        return new ValidatedBundle(catalogue, validated, problems, versionExists);
    }

    private async Task<ValidatedAppliance?> ValidateApplianceAsync(PortalDbContext db, Vendor vendor, string root, int index, string directory,
        List<ManifestProblem> problems, CancellationToken cancellationToken)
    {
        var prefix = $"appliances[{index}]";
        var folder = Path.Combine(root, directory);
        if (!Directory.Exists(folder))
        {
            problems.Add(new ManifestProblem(prefix, $"directory '{directory}' is not in the bundle"));
            return null;
        }

        var count = problems.Count;
        var yaml = ReadText(folder, ManifestFile, prefix, options.MaxYamlBytes, problems, $"{ManifestFile} missing in '{directory}'");
        ApplianceManifest? manifest = null;
        if (yaml is not null)
        {
            var parsed = ApplianceManifestParser.Parse(yaml, ManifestTrust.Vendor);
            problems.AddRange(parsed.Problems.Select(p => p.Under(prefix)));
            manifest = parsed.Manifest;
        }

        var icon = ReadIcon(folder, directory, manifest?.Appliance.Icon ?? "", prefix, problems);
        var screenshots = CheckScreenshots(folder, directory, manifest?.Appliance.Screenshots ?? [], prefix, problems);
        var image = await InspectImageAsync(folder, directory, prefix, problems, cancellationToken).ConfigureAwait(false);
        if (manifest is not null && image is not null)
        {
            var checkedManifest = ApplianceImageCheck.Apply(manifest, image.Value.Details);
            problems.AddRange(checkedManifest.Problems.Select(p => p.Under(prefix)));
            manifest = checkedManifest.Manifest;
        }

        var alreadyStored = manifest is not null && image is not null
            && await CheckStoredAsync(db, vendor, manifest, image.Value.Details.Id, prefix, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count > count || manifest is null || image is null || icon is null)
        {
            return null;
        }

        return new ValidatedAppliance(index, yaml!, manifest, icon.Value.Bytes, icon.Value.MediaType, image.Value.Path, image.Value.Details.Id, alreadyStored)
        {
            Screenshots = screenshots,
        };
    }

    /// <summary>Another vendor's id is refused; an existing version must be the same image and manifest. True when it is stored already.</summary>
    private static async Task<bool> CheckStoredAsync(PortalDbContext db, Vendor vendor, ApplianceManifest manifest, string digest, string prefix,
        List<ManifestProblem> problems, CancellationToken cancellationToken)
    {
        var info = manifest.Appliance;
        if (info.Id.Length == 0 || info.Version.Length == 0)
        {
            return false;
        }

        var appliance = await db.Appliances.AsNoTracking().FirstOrDefaultAsync(a => a.StableId == info.Id, cancellationToken).ConfigureAwait(false);
        if (appliance is null)
        {
            return false;
        }

        if (appliance.VendorId != vendor.Id)
        {
            problems.Add(new ManifestProblem($"{prefix}.x-appliance.id", $"{info.Id} is published by another vendor"));
            return false;
        }

        var stored = await db.ApplianceVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.ApplianceId == appliance.Id && v.Version == info.Version, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return false;
        }

        var same = true;
        if (stored.ImageDigest != digest)
        {
            problems.Add(new ManifestProblem($"{prefix}.x-appliance.version",
                $"{info.Id} {info.Version} was published with image {stored.ImageDigest}; this bundle has {digest}: a changed image needs a new version"));
            same = false;
        }

        if (stored.ManifestJson != ApplianceManifestJson.Serialize(manifest))
        {
            problems.Add(new ManifestProblem($"{prefix}.x-appliance.version",
                $"{info.Id} {info.Version} was published with a different manifest: a changed manifest needs a new version"));
            same = false;
        }

        return same;
    }

    private (byte[] Bytes, string MediaType)? ReadIcon(string folder, string directory, string declared, string prefix, List<ManifestProblem> problems)
    {
        var path = $"{prefix}.icon";
        var name = declared.Length > 0 ? declared : DefaultIcons.FirstOrDefault(n => File.Exists(Path.Combine(folder, n)));
        if (name is null)
        {
            problems.Add(new ManifestProblem(path, $"missing: set x-appliance.icon or add {string.Join(", ", DefaultIcons)} to '{directory}'"));
            return null;
        }

        if (!BundlePath.IsSafeRelative(name))
        {
            return null;
        }

        var file = new FileInfo(Path.Combine(folder, name));
        if (!file.Exists)
        {
            problems.Add(new ManifestProblem(path, $"'{directory}/{name}' is not in the bundle"));
            return null;
        }

        if (file.Length > options.MaxIconBytes)
        {
            problems.Add(new ManifestProblem(path, $"'{name}' is {file.Length} bytes, over the {options.MaxIconBytes}-byte cap for icons (Portal:Catalogues:MaxIconBytes)"));
            return null;
        }

        var bytes = File.ReadAllBytes(file.FullName);
        if (IconCheck.MediaType(bytes, out var problem) is { } mediaType)
        {
            return (bytes, mediaType);
        }

        problems.Add(new ManifestProblem(path, $"'{name}': {problem}"));
        return null;
    }

    /// <summary>
    /// Each screenshot must be in the bundle, under the size cap, and a PNG, JPEG or WebP by its first bytes. SVG is
    /// refused: a screenshot is a picture of the running app, and a raster format cannot carry script.
    /// </summary>
    private List<ValidatedScreenshot> CheckScreenshots(string folder, string directory, IReadOnlyList<ApplianceScreenshot> declared, string prefix,
        List<ManifestProblem> problems)
    {
        var screenshots = new List<ValidatedScreenshot>();
        for (var i = 0; i < declared.Count; i++)
        {
            var path = $"{prefix}.x-appliance.screenshots[{i}]";
            var name = declared[i].Path;
            if (!BundlePath.IsSafeRelative(name))
            {
                continue;
            }

            var file = new FileInfo(Path.Combine(folder, name));
            if (!file.Exists)
            {
                problems.Add(new ManifestProblem(path, $"'{directory}/{name}' is not in the bundle"));
                continue;
            }

            if (file.Length > options.MaxScreenshotBytes)
            {
                problems.Add(new ManifestProblem(path,
                    $"'{name}' is {file.Length} bytes, over the {options.MaxScreenshotBytes}-byte cap for screenshots (Portal:Catalogues:MaxScreenshotBytes)"));
                continue;
            }

            if (ImageSignature.RasterMediaType(ReadHeader(file)) is not { } mediaType)
            {
                problems.Add(new ManifestProblem(path, $"'{name}': not a png/jpeg/webp image (told by its first bytes; SVG is not accepted for screenshots)"));
                continue;
            }

            screenshots.Add(new ValidatedScreenshot(file.FullName, mediaType, declared[i].Caption.Length > 0 ? declared[i].Caption : null));
        }

        return screenshots;
    }

    private static byte[] ReadHeader(FileInfo file)
    {
        var header = new byte[ImageSignature.HeaderLength];
        using var stream = file.OpenRead();
        return header[..stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];
    }

    private async Task<(string Path, ImageDetails Details)?> InspectImageAsync(string folder, string directory, string prefix, List<ManifestProblem> problems,
        CancellationToken cancellationToken)
    {
        var path = $"{prefix}.image";
        var archive = Path.Combine(folder, ImageArchiveFile);
        var layout = Path.Combine(folder, ImageLayoutDirectory);
        var (hasArchive, hasLayout) = (File.Exists(archive), Directory.Exists(layout));
        if (hasArchive == hasLayout)
        {
            problems.Add(new ManifestProblem(prefix, hasArchive
                ? $"both {ImageArchiveFile} and {ImageLayoutDirectory}/ are in '{directory}'; give the image once"
                : $"image archive missing: add {ImageArchiveFile} (oci-archive or docker-archive) or an OCI layout directory {ImageLayoutDirectory}/ to '{directory}'"));
            return null;
        }

        var source = hasArchive ? archive : layout;
        try
        {
            var images = await archives.InspectArchiveAsync(source, cancellationToken).ConfigureAwait(false);
            if (images.Count != 1)
            {
                problems.Add(new ManifestProblem(path, $"the archive holds {images.Count} images; an appliance needs exactly one"));
                return null;
            }

            return (source, images[0]);
        }
        catch (EngineException e)
        {
            problems.Add(new ManifestProblem(path, e.Message));
            return null;
        }
    }

    private static string? ReadText(string folder, string name, string path, int cap, List<ManifestProblem> problems, string missing)
    {
        var file = new FileInfo(Path.Combine(folder, name));
        if (!file.Exists)
        {
            problems.Add(new ManifestProblem(path, missing));
            return null;
        }

        if (file.Length > cap)
        {
            problems.Add(new ManifestProblem(path, $"{name} is {file.Length} bytes, over the {cap}-byte cap (Portal:Catalogues:MaxYamlBytes)"));
            return null;
        }

        try
        {
            return StrictUtf8.GetString(File.ReadAllBytes(file.FullName));
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new ManifestProblem(path, $"{name} is not UTF-8 text"));
            return null;
        }
    }
}
