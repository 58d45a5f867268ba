using System.Security.Cryptography;
using Portal.Engine.Errors;

namespace Portal.Engine.Images;

internal static class Digests
{
    public const string Prefix = "sha256:";

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256HexOfFile(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    public static bool IsHex64(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);

    /// <summary>"sha256:&lt;64 lowercase hex&gt;" → the hex; anything else is refused naming <paramref name="what"/>.</summary>
    public static string ParseSha256(string? digest, string what)
    {
        if (digest is null || !digest.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ImageFormatException($"{what}: unsupported digest '{digest}' (only sha256 is supported)");
        }

        var hex = digest[Prefix.Length..];
        return IsHex64(hex) ? hex : throw new ImageFormatException($"{what}: malformed digest '{digest}'");
    }
}
