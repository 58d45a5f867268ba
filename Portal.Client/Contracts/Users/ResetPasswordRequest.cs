namespace Portal.Client.Contracts;

public sealed record ResetPasswordRequest(string? Password);
