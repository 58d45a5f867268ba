namespace Portal.Server.Apis.Setup;

public sealed record SetupRequest(string? Token, string? Username, string? Password, string? DisplayName);
