namespace Portal.Client.Contracts;

public sealed record ApplianceVersionResponse(int Id, string Version, string? ReleaseNotes, bool HasIcon, string IconUrl, DateTimeOffset CreatedAt, int Deployments);
