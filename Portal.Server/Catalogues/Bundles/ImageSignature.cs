namespace Portal.Server.Catalogues.Bundles;

/// <summary>Raster images told by their first bytes, never by a file name.</summary>
public static class ImageSignature
{
    /// <summary>How many leading bytes <see cref="RasterMediaType"/> needs.</summary>
    public const int HeaderLength = 12;

    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string WebP = "image/webp";

    /// <summary><see cref="Png"/>, <see cref="Jpeg"/>, <see cref="WebP"/> or null.</summary>
    public static string? RasterMediaType(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]))
        {
            return Png;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xff, 0xd8, 0xff]))
        {
            return Jpeg;
        }

        // RIFF container: "RIFF", a 4-byte size, then the form type "WEBP".
        return header.Length >= HeaderLength && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8) ? WebP : null;
    }
}
