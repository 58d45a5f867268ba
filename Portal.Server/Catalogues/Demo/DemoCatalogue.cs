using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Portal.Engine.Images;
using Portal.Server.Catalogues.Bundles;

namespace Portal.Server.Catalogues.Demo;

/// <summary>
/// Writes the demo catalogue as a bundle (tar.gz): catalogue.yaml, and per appliance version a directory
/// <c>&lt;slug&gt;/&lt;version&gt;/</c> with appliance.yaml, icon.svg and any screenshots (embedded from Catalogues/Demo/Content) and
/// image.tar, an oci-archive of the image <see cref="DemoImages"/> builds from busybox-static.
/// </summary>
public static class DemoCatalogue
{
    public const string Version = "1.0.0";

    /// <summary>Content/&lt;slug&gt;/&lt;version&gt;/screenshots: PNGs render-screenshots.sh made of the appliance's page.</summary>
    private const string ScreenshotDirectory = "screenshots";
    private static readonly DateTimeOffset Stamp = ImageBuild.DefaultTime;

    public static void Write(Stream output, string busyboxPath = BusyboxImage.DefaultBusyboxPath, string catalogueVersion = Version)
    {
        using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        var directories = DemoImages.Appliances.SelectMany(a => a.Versions.Select(v => $"{a.Slug}/{v}")).ToList();
        Add(tar, CatalogueFile.FileName, Encoding.UTF8.GetBytes(CatalogueYaml(catalogueVersion, directories)));
        foreach (var appliance in DemoImages.Appliances)
        {
            var icon = DemoImages.ContentFile($"{appliance.Slug}/icon.svg");
            foreach (var version in appliance.Versions)
            {
                var folder = $"{appliance.Slug}/{version}";
                Add(tar, $"{folder}/{BundleValidator.ManifestFile}", DemoImages.ContentFile($"{folder}/{BundleValidator.ManifestFile}"));
                Add(tar, $"{folder}/icon.svg", icon);
                foreach (var (name, content) in DemoImages.ContentFiles($"{folder}/{ScreenshotDirectory}/"))
                {
                    Add(tar, $"{folder}/{ScreenshotDirectory}/{name}", content);
                }

                using var image = new MemoryStream();
                OciImageWriter.WriteOciArchive(DemoImages.Build(appliance, version, busyboxPath), image);
                Add(tar, $"{folder}/{BundleValidator.ImageArchiveFile}", image.ToArray());
            }
        }
    }

    /// <summary>Writes the bundle to <paramref name="path"/> (0600).</summary>
    public static void WriteFile(string path, string busyboxPath = BusyboxImage.DefaultBusyboxPath, string catalogueVersion = Version)
    {
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        Write(file, busyboxPath, catalogueVersion);
    }

    private static string CatalogueYaml(string version, IEnumerable<string> directories) =>
        $"""
        vendor: {DemoImages.Vendor}
        version: {version}
        title: Portal demo appliances
        description: Three small appliances with real web UIs, each in two versions, to try deploy, upgrade and rollback at once.
        appliances:
        {string.Concat(directories.Select(d => $"  - {d}\n"))}
        """;

    private static void Add(TarWriter tar, string name, byte[] content) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(content),
            ModificationTime = Stamp,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        });
}
