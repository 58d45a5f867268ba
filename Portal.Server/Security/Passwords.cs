using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Data.Entities;

namespace Portal.Server.Security;

/// <summary>ASP.NET Core Identity's PBKDF2 password hasher, plus a decoy hash for usernames that do not exist.</summary>
public sealed class Passwords(IPasswordHasher<User> hasher)
{
    // Checking a password for an unknown user costs as much as for a real one, so timing does not tell them apart.
    private readonly Lazy<string> decoyHash = new(() => hasher.HashPassword(
        new User { Username = "decoy", PasswordHash = "" }, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    public string Hash(User user, string password) => hasher.HashPassword(user, password);

    /// <summary>True when it matches; <paramref name="rehash"/> when the stored hash uses older parameters.</summary>
    public bool Verify(User user, string password, out bool rehash)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Spends the time of a real check and always fails.</summary>
    public void VerifyDecoy(string password)
    {
        var decoy = new User { Username = "decoy", PasswordHash = decoyHash.Value };
        hasher.VerifyHashedPassword(decoy, decoy.PasswordHash, password);
    }
}
