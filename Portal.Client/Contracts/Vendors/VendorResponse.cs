namespace Portal.Client.Contracts;

public sealed record VendorResponse(int Id, string Name, string? DisplayName, DateTimeOffset CreatedAt);
