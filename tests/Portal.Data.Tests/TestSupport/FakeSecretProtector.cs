using System.Text;

namespace Portal.Data.Tests.TestSupport;

/// <summary>Reversible but opaque: the plaintext's bytes never appear in what it returns.</summary>
public sealed class FakeSecretProtector : ISecretProtector
{
    private const string Prefix = "fake-protected:";

    public int ProtectCalls { get; private set; }

    public string Protect(string plaintext)
    {
        ProtectCalls++;
        return Prefix + Convert.ToBase64String(Flip(Encoding.UTF8.GetBytes(plaintext)));
    }

    public string Unprotect(string ciphertext)
    {
        if (!ciphertext.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"not protected by this protector: {ciphertext}");
        }

        return Encoding.UTF8.GetString(Flip(Convert.FromBase64String(ciphertext[Prefix.Length..])));
    }

    private static byte[] Flip(byte[] bytes) => bytes.Select(b => (byte)(b ^ 0x5A)).ToArray();
}
