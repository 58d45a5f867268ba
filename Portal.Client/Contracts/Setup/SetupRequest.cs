namespace Portal.Client.Contracts;

public sealed record SetupRequest(string? Token, string? Username, string? Password, string? DisplayName);
