using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Server.Apis.Docker;

/// <summary>Host facts /info and /version report, read from /proc, /etc and /sys.</summary>
internal static class HostInfo
{
    public static string KernelVersion => ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString();

    public static string OperatingSystem =>
        ReadKeyValue("/etc/os-release", "PRETTY_NAME") ?? RuntimeInformation.OSDescription;

    /// <summary>"2" on a pure cgroup v2 host; "1" on legacy and hybrid hosts (the controllers are v1 there).</summary>
    public static string CgroupVersion => File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "2" : "1";

    public static string Architecture => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "x86_64",
        System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
        var other => other.ToString().ToLowerInvariant(),
    };

    public static string GoArch => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    public static string MachineId => ReadFirstLine("/etc/machine-id") ?? Environment.MachineName;

    public static long MemTotalBytes
    {
        get
        {
            var text = ReadKeyValue("/proc/meminfo", "MemTotal", ':');
            var kb = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.TryParse(kb, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : 0;
        }
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault()?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadKeyValue(string path, string key, char separator = '=')
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var at = line.IndexOf(separator, StringComparison.Ordinal);
                if (at > 0 && line.AsSpan(0, at).Trim().SequenceEqual(key))
                {
                    return line[(at + 1)..].Trim().Trim('"');
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
