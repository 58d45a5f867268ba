using System.Reflection;
using Portal.Engine.Images;

namespace Portal.Server.Catalogues.Demo;

/// <summary>
/// Builds the demo appliances' images with Portal's own OCI writer: busybox-static, the shared start script and
/// CGI helpers, and the appliance version's files (embedded from Catalogues/Demo/Content). Each runs busybox httpd
/// on 8080 as the unprivileged user app (1000) and logs a heartbeat line every few seconds.
/// </summary>
public static class DemoImages
{
    public const string Vendor = "Portal Demo";
    public const int WebPort = 8080;
    private const int AppUid = 1000;
    private const string ResourcePrefix = "demo/";
    private const UnixFileMode Executable = (UnixFileMode)0x1ED; // 0755

    public static IReadOnlyList<DemoAppliance> Appliances { get; } =
    [
        new("welcome", "Welcome Site", "A static web site: the smallest appliance there is.", ["1.0.0", "2.0.0"]),
        new("notes", "Notes", "A tiny notes app whose notes live in a volume, kept across upgrades and rollbacks.", ["1.0.0", "2.0.0"])
        {
            Volumes = ["/data"],
        },
        new("greeter", "Greeter", "Shows the configuration values it was deployed with, including whether a secret is set.", ["1.0.0", "2.0.0"]),
    ];

    public static ImageBuild Build(DemoAppliance appliance, string version, string busyboxPath = BusyboxImage.DefaultBusyboxPath)
    {
        ArgumentNullException.ThrowIfNull(appliance);
        if (!appliance.Versions.Contains(version))
        {
            throw new ArgumentException($"demo appliance {appliance.Slug} has no version {version}", nameof(version));
        }

        var labels = new Dictionary<string, string>
        {
            ["org.opencontainers.image.title"] = appliance.Title,
            ["org.opencontainers.image.description"] = appliance.Description,
            ["org.opencontainers.image.version"] = version,
            ["org.opencontainers.image.vendor"] = Vendor,
        };
        var config = new ImageConfig
        {
            Entrypoint = ["/usr/local/bin/start"],
            Env =
            [
                "PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "APPLIANCE_TITLE=" + appliance.Title,
                "APPLIANCE_VERSION=" + version,
            ],
            User = $"{AppUid}:{AppUid}",
            WorkingDir = "/var/www",
            ExposedPorts = [$"{WebPort}/tcp"],
            Volumes = appliance.Volumes,
            Labels = labels,
            StopSignal = "SIGTERM",
        };
        var files = ContentFiles("shared/rootfs/").Concat(ContentFiles($"{appliance.Slug}/{version}/rootfs/")).ToList();
        return BusyboxImage.Create(appliance.ImageTag(version), config, [LayerSource.FromEntries(Entries(files, appliance.Volumes))], busyboxPath) with
        {
            Annotations = labels,
            Author = Vendor,
        };
    }

    /// <summary>Embedded files under Content/&lt;prefix&gt;, as (path inside the image, bytes).</summary>
    internal static IEnumerable<(string Path, byte[] Content)> ContentFiles(string prefix)
    {
        var assembly = typeof(DemoImages).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix + prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return (name[(ResourcePrefix.Length + prefix.Length)..], Read(assembly, name));
        }
    }

    /// <summary>An embedded file of the demo content (e.g. "notes/icon.svg").</summary>
    internal static byte[] ContentFile(string path) =>
        Read(typeof(DemoImages).Assembly, ResourcePrefix + path);

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"demo content {name} is not embedded in {assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static IEnumerable<LayerEntry> Entries(IReadOnlyList<(string Path, byte[] Content)> files, IReadOnlyList<string> volumes)
    {
        var directories = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, _) in files)
        {
            for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                directories.Add(dir);
            }
        }

        foreach (var dir in directories)
        {
            yield return LayerEntry.Directory(dir);
        }

        foreach (var volume in volumes)
        {
            yield return LayerEntry.Directory(volume.TrimStart('/')) with { Uid = AppUid, Gid = AppUid };
        }

        foreach (var (path, content) in files)
        {
            var executable = path.EndsWith(".cgi", StringComparison.Ordinal) || path.StartsWith("usr/local/bin/", StringComparison.Ordinal);
            yield return executable ? LayerEntry.File(path, content, Executable) : LayerEntry.File(path, content);
        }
    }
}
