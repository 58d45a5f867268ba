namespace Portal.Server.Apis.Users;

public sealed record ResetPasswordRequest(string? Password);
