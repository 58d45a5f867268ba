using System.Text;
using Portal.Data;

namespace Portal.Server.Tests.Deployments;

/// <summary>Reversible and opaque: the plaintext never appears in the column.</summary>
internal sealed class TestSecretProtector : ISecretProtector
{
    private const string Prefix = "test-protected:";

    public string Protect(string plaintext) => Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(plaintext).Select(b => (byte)(b ^ 0x5A)).ToArray());

    public string Unprotect(string ciphertext) => ciphertext.StartsWith(Prefix, StringComparison.Ordinal)
        ? Encoding.UTF8.GetString(Convert.FromBase64String(ciphertext[Prefix.Length..]).Select(b => (byte)(b ^ 0x5A)).ToArray())
        : throw new InvalidOperationException("not protected by this protector");
}
