namespace Portal.Server.Apis.Auth;

public sealed record LoginRequest(string? Username, string? Password);
