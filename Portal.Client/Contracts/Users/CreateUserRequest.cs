namespace Portal.Client.Contracts;

/// <param name="Role">"admin", "vendor" (then <paramref name="Vendor"/> names an existing vendor) or "user" (the default: teams give it rights).</param>
public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, string? Role, string? Vendor);
