namespace Portal.Engine.Tests.TestSupport;

/// <summary>
/// A minimal root filesystem from Debian's busybox-static: /bin/busybox, one symlink per applet,
/// /etc/passwd and /etc/group with root, nobody and an "app" user (uid 1000, groups app and extra).
/// </summary>
public static class BusyboxRootfs
{
    public const string BusyboxPath = "/bin/busybox";

    public static void Create(string root)
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new FileNotFoundException("busybox-static is not installed (./portal test installs it)", BusyboxPath);
        }

        foreach (var dir in new[] { "bin", "etc", "proc", "sys", "dev", "tmp", "root", "home/app" })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        File.Copy(BusyboxPath, Path.Combine(root, "bin", "busybox"), overwrite: true);
        foreach (var applet in Applets())
        {
            var link = Path.Combine(root, "bin", applet);
            if (applet != "busybox" && !File.Exists(link))
            {
                File.CreateSymbolicLink(link, "busybox");
            }
        }

        File.WriteAllText(Path.Combine(root, "etc", "passwd"),
            "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        File.WriteAllText(Path.Combine(root, "etc", "group"),
            "root:x:0:\napp:x:1000:\nextra:x:2000:app\nnogroup:x:65534:\n");
    }

    private static IEnumerable<string> Applets()
    {
        // The applet list busybox prints (`busybox --list`); read once and cached.
        return AppletList.Value;
    }

    private static readonly Lazy<string[]> AppletList = new(() =>
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(BusyboxPath, "--list")
        {
            RedirectStandardOutput = true,
        })!;
        var list = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        p.WaitForExit();
        return list;
    });
}
