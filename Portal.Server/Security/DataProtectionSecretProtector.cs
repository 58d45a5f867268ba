using Microsoft.AspNetCore.DataProtection;
using Portal.Data;

namespace Portal.Server.Security;

/// <summary>Deployment secrets encrypted with ASP.NET Data Protection (keys in &lt;data&gt;/keys).</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public const string Purpose = "Portal.Deployment.Secrets";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => protector.Protect(plaintext);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);
}
