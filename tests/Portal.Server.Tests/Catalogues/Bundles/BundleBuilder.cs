using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Portal.Engine.Images;

namespace Portal.Server.Tests.Catalogues.Bundles;

/// <summary>Writes catalogue bundles for tests: any entries (including hostile ones), as tar or tar.gz.</summary>
internal sealed class BundleBuilder
{
    public const string Vendor = "Example Ltd";
    public const string Svg = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#123456"/></svg>""";

    /// <summary>What <see cref="WithFiveMistakes"/> yields, in order: the full text of the first four problems and the start of the fifth.</summary>
    public static readonly string[] FiveMistakes =
    [
        "catalogue.yaml.version: \"1.0\" is not a semantic version (like 1.4.2 or 2.0.0-rc.1) (line 2, column 10)",
        "appliances[0].x-appliance.webUi.port: 9090 is not exposed by the image",
        "appliances[1].icon: 'icon.svg': not an svg/png/jpeg image",
        "appliances[2]: image archive missing: add image.tar (oci-archive or docker-archive) or an OCI layout directory image/ to 'noimage'",
        "appliances[3].services.web.privileged: not allowed: privileged mode",
    ];

    private readonly List<TarEntry> _entries = [];

    /// <summary>A bundle with five different mistakes (bad catalogue version, unexposed web UI port, bad icon, no image, privileged mode).</summary>
    public static BundleBuilder WithFiveMistakes() => new BundleBuilder()
        .Catalogue("1.0", Vendor, "web", "icon", "noimage", "privileged")
        .Appliance("web", id: "com.example.web", webPort: 9090)
        .Appliance("icon", id: "com.example.icon", icon: false).File("icon/icon.svg", "GIF89a not allowed")
        .Appliance("noimage", id: "com.example.noimage", image: false)
        .Appliance("privileged", id: "com.example.privileged", serviceExtra: "    privileged: true");

    public BundleBuilder File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public BundleBuilder File(string name, byte[] content)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        return this;
    }

    public BundleBuilder Entry(TarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public BundleBuilder Catalogue(string version = "1.0.0", string vendor = Vendor, params string[] appliances) =>
        File("catalogue.yaml", $"vendor: {vendor}\nversion: \"{version}\"\nappliances:\n{string.Concat(appliances.Select(a => $"  - {a}\n"))}");

    /// <summary>A complete appliance directory: manifest, icon, and an oci-archive of a tiny image exposing 8080.</summary>
    public BundleBuilder Appliance(string directory, string id = "com.example.notes", string version = "1.0.0", string manifestExtra = "",
        string serviceExtra = "", int webPort = 8080, string content = "hello", bool icon = true, bool image = true)
    {
        File($"{directory}/appliance.yaml", Manifest(id, version, manifestExtra, serviceExtra, webPort));
        if (icon)
        {
            File($"{directory}/icon.svg", Svg);
        }

        if (image)
        {
            File($"{directory}/image.tar", ImageArchive(version, content));
        }

        return this;
    }

    public static string Manifest(string id, string version, string manifestExtra = "", string serviceExtra = "", int webPort = 8080) => $"""
        x-appliance:
          manifestVersion: 1
          id: {id}
          version: {version}
          title: Notes
          icon: icon.svg
          webUi:
            port: {webPort}
        {manifestExtra}
        services:
          web:
            image: example/notes:{version}
        {serviceExtra}
        """;

    public static ImageBuild Image(string version, string content = "hello") => new()
    {
        Layers = [LayerSource.FromEntries(LayerEntry.Directory("app"), LayerEntry.File("app/content", content))],
        Config = new ImageConfig
        {
            Cmd = ["/app/run"],
            User = "1000:1000",
            ExposedPorts = ["8080/tcp"],
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = version },
        },
        Tags = ["busybox:latest"],
    };

    public static byte[] ImageArchive(string version, string content = "hello")
    {
        using var output = new MemoryStream();
        OciImageWriter.WriteOciArchive(Image(version, content), output);
        return output.ToArray();
    }

    public byte[] Tar()
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    public byte[] TarGz()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Tar());
        }

        return output.ToArray();
    }
}
