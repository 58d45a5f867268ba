namespace Portal.Data.Storage;

/// <summary>Migrations never touch secrets; anything that tries at design time is a bug.</summary>
internal sealed class DesignTimeSecretProtector : ISecretProtector
{
    public string Protect(string plaintext) => throw new InvalidOperationException("Secrets are not written at design time.");

    public string Unprotect(string ciphertext) => throw new InvalidOperationException("Secrets are not read at design time.");
}
