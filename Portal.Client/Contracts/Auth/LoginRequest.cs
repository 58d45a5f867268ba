namespace Portal.Client.Contracts;

public sealed record LoginRequest(string? Username, string? Password);
