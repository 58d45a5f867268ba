using System.Diagnostics;

namespace Portal.Engine.Images;

/// <summary>
/// Builds small real images from Debian's busybox-static: a base layer with /bin/busybox, one symlink
/// per applet, /etc/passwd and /etc/group (root, app 1000, nobody) and the usual empty directories.
/// Used by the tests and the demo catalogue; callers add their own layers on top.
/// </summary>
public static class BusyboxImage
{
    public const string DefaultBusyboxPath = "/bin/busybox";

    private const UnixFileMode Executable = (UnixFileMode)0x1ED; // 0755
    private const UnixFileMode StickyWorld = (UnixFileMode)0x3FF; // 1777

    public static ImageBuild Create(string tag, ImageConfig config, IReadOnlyList<LayerSource>? layersOnTop = null, string busyboxPath = DefaultBusyboxPath) => new()
    {
        Tags = [tag],
        Config = config,
        Layers = [BaseLayer(busyboxPath), .. layersOnTop ?? []],
    };

    public static LayerSource BaseLayer(string busyboxPath = DefaultBusyboxPath)
    {
        if (!File.Exists(busyboxPath))
        {
            throw new FileNotFoundException($"busybox-static is not installed: {busyboxPath} is missing (apt-get install busybox-static)", busyboxPath);
        }

        var entries = new List<LayerEntry>
        {
            LayerEntry.Directory("bin"),
            LayerEntry.Directory("etc"),
            LayerEntry.Directory("dev"),
            LayerEntry.Directory("proc"),
            LayerEntry.Directory("sys"),
            LayerEntry.Directory("root", (UnixFileMode)0x1C0),
            LayerEntry.Directory("home"),
            LayerEntry.Directory("home/app") with { Uid = 1000, Gid = 1000 },
            LayerEntry.Directory("tmp", StickyWorld),
            LayerEntry.Directory("var"),
            LayerEntry.Directory("var/www"),
            LayerEntry.File("bin/busybox", File.ReadAllBytes(busyboxPath), Executable),
            LayerEntry.File("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"),
            LayerEntry.File("etc/group", "root:x:0:\napp:x:1000:\nnogroup:x:65534:\n"),
        };
        entries.AddRange(Applets(busyboxPath).Where(a => a != "busybox").Select(a => LayerEntry.Symlink("bin/" + a, "busybox")));
        return LayerSource.FromEntries(entries);
    }

    /// <summary>The applet names the host's busybox binary lists. It is the host's own binary, not a container's.</summary>
    private static IEnumerable<string> Applets(string busyboxPath)
    {
        using var process = System.Diagnostics.Process.Start(new ProcessStartInfo(busyboxPath, "--list") { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not run {busyboxPath} --list");
        var names = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        process.WaitForExit();
        return names.Where(n => n.Length > 0 && !n.Contains('/', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
    }
}
