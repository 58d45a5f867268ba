using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Portal.Engine.Spec;

namespace Portal.Engine.Containers;

/// <summary>
/// The files in a container's state directory shared by the engine and portal-init: runtime.json (the spec,
/// written by the engine), shim.json (the shim's identity, written before the handshake), exit.json (how PID 1
/// ended, written once by the shim) and shim.log (the shim's own diagnostics). Every write is atomic
/// (temp file + rename), so a reader sees the old file, the complete new one, or none. No fsync: they guard
/// against process crashes; after a power loss no container is running anyway, whatever the files say.
/// </summary>
internal static class ShimFiles
{
    public const string Spec = "runtime.json", State = "shim.json", Exit = "exit.json", ShimLog = "shim.log";

    /// <summary>Environment variable that gives stage2 the fd of its report pipe to the shim.</summary>
    public const string SyncFdVariable = "_PORTAL_INIT_SYNC_FD";

    public static void WriteAtomic<T>(string path, T value, JsonTypeInfo<T> typeInfo)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, value, typeInfo);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static T? Read<T>(string path, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, typeInfo);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static RuntimeSpec ReadSpec(string stateDir) =>
        Read(Path.Combine(stateDir, Spec), SpecJsonContext.Default.RuntimeSpec)
            ?? throw new InvalidOperationException($"{Path.Combine(stateDir, Spec)} is empty");

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat (start time in clock ticks since boot), or null when the process
    /// is gone or a zombie. The comm field may hold spaces and parentheses, so parsing starts after the last ')'.</summary>
    public static ulong? StartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[0] == "Z" ? null : ulong.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture);
    }
}
