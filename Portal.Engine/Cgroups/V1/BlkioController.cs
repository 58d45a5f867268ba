namespace Portal.Engine.Cgroups.V1;

internal static class BlkioController
{
    /// <summary>
    /// blkio.throttle.io_service_bytes_recursive ("8:0 Read 4096", "8:0 Write 0", ..., "Total 4096"): the
    /// Read and Write rows, with the op lowercased as v2's io.stat rows are named.
    /// </summary>
    public static CgroupStats Read(string dir, CgroupStats stats)
    {
        var path = Path.Combine(dir, "blkio.throttle.io_service_bytes_recursive");
        var rows = new List<BlkioEntry>();
        foreach (var line in CgroupFiles.Lines(CgroupFiles.TryRead(path)))
        {
            if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [var device, var op, var value]
                || op is not ("Read" or "Write")
                || !CgroupFiles.TryParseDevice(device, out var major, out var minor))
            {
                continue;
            }

            rows.Add(new BlkioEntry(major, minor, op.ToLowerInvariant(), CgroupFiles.ParseUInt64(value, path)));
        }

        return stats with { IoServiceBytes = rows };
    }
}
