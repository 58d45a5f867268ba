namespace Portal.Data;

/// <summary>
/// Encrypts deployment secrets before they reach the database. The server implements it with an ASP.NET
/// Data Protection <c>IDataProtector</c>; Portal.Data only calls it from a value converter.
/// </summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>Throws when the ciphertext cannot be decrypted (lost key, tampering).</summary>
    string Unprotect(string ciphertext);
}
