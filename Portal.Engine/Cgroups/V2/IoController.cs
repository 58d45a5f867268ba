namespace Portal.Engine.Cgroups.V2;

internal static class IoController
{
    /// <summary>
    /// io.stat lines ("8:0 rbytes=1 wbytes=2 rios=3 ...") become Docker's v1-shaped rows "read" and
    /// "write", as moby maps them, so the CLI's BLOCK I/O column reads both versions alike.
    /// </summary>
    public static CgroupStats Read(string dir, CgroupStats stats)
    {
        var path = Path.Combine(dir, "io.stat");
        var rows = new List<BlkioEntry>();
        foreach (var line in CgroupFiles.Lines(CgroupFiles.TryRead(path)))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!CgroupFiles.TryParseDevice(fields[0], out var major, out var minor))
            {
                continue;
            }

            foreach (var field in fields.Skip(1))
            {
                var (key, value) = field.Split('=') is [var k, var v] ? (k, v) : (field, "");
                var op = key switch { "rbytes" => "read", "wbytes" => "write", _ => null };
                if (op is not null)
                {
                    rows.Add(new BlkioEntry(major, minor, op, CgroupFiles.ParseUInt64(value, path)));
                }
            }
        }

        return stats with { IoServiceBytes = rows };
    }
}
