using System.IO.Compression;

namespace Portal.Engine.Images;

internal static class Decompression
{
    /// <summary>Decompresses by media type; without one (docker-archive) or with an unknown one, by magic bytes.</summary>
    public static Stream Open(FileStream blob, string? mediaType)
    {
        var kind = FromMediaType(mediaType) ?? Sniff(blob);
        return kind switch
        {
            LayerCompression.Gzip => new GZipStream(blob, CompressionMode.Decompress),
            LayerCompression.Zstd => new ZstdSharp.DecompressionStream(blob),
            _ => blob,
        };
    }

    public static string MediaType(LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => OciMediaTypes.LayerGzip,
        LayerCompression.Zstd => OciMediaTypes.LayerZstd,
        _ => OciMediaTypes.Layer,
    };

    private static LayerCompression? FromMediaType(string? mediaType) => mediaType switch
    {
        null => null,
        _ when mediaType.EndsWith("gzip", StringComparison.Ordinal) => LayerCompression.Gzip,
        _ when mediaType.EndsWith("zstd", StringComparison.Ordinal) => LayerCompression.Zstd,
        _ => null,
    };

    private static LayerCompression Sniff(FileStream blob)
    {
        Span<byte> magic = stackalloc byte[4];
        var n = blob.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        blob.Position = 0;
        if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            return LayerCompression.Gzip;
        }

        return n == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd
            ? LayerCompression.Zstd
            : LayerCompression.None;
    }
}
