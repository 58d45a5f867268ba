namespace Portal.Server.Catalogues.Bundles;

public static class BundleFormats
{
    public const int HeaderBytes = 512;

    /// <summary>gzip by its magic 1f 8b; tar by "ustar" at offset 257, or (old v7 tar) by a valid header checksum.</summary>
    public static BundleFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return BundleFormat.Gzip;
        }

        if (head.Length < HeaderBytes)
        {
            return BundleFormat.Unknown;
        }

        return head.Slice(257, 5).SequenceEqual("ustar"u8) || HasValidChecksum(head[..HeaderBytes]) ? BundleFormat.Tar : BundleFormat.Unknown;
    }

    public static BundleFormat Detect(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[HeaderBytes];
        var read = file.ReadAtLeast(head, HeaderBytes, throwOnEndOfStream: false);
        return Detect(head[..read]);
    }

    private static bool HasValidChecksum(ReadOnlySpan<byte> header)
    {
        if (header[0] == 0)
        {
            return false;
        }

        var field = header.Slice(148, 8).Trim((byte)' ');
        var end = field.IndexOfAny((byte)' ', (byte)0);
        field = end < 0 ? field : field[..end];
        long stored = 0;
        foreach (var b in field)
        {
            if (b is < (byte)'0' or > (byte)'7')
            {
                return false;
            }

            stored = (stored * 8) + (b - '0');
        }

        long sum = 0;
        for (var i = 0; i < header.Length; i++)
        {
            sum += i is >= 148 and < 156 ? ' ' : header[i];
        }

        return field.Length > 0 && sum == stored;
    }
}
