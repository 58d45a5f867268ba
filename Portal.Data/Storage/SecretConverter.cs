using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Data.Storage;

/// <summary>Plain text in the model, the protector's ciphertext in the column.</summary>
internal sealed class SecretConverter(ISecretProtector protector) : ValueConverter<string, string>(
    plaintext => protector.Protect(plaintext),
    ciphertext => protector.Unprotect(ciphertext));
