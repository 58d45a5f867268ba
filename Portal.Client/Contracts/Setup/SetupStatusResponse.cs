namespace Portal.Client.Contracts;

/// <summary>GET /api/v1/setup: whether first-run setup (the one-time token) is still to be done.</summary>
public sealed record SetupStatusResponse(bool Required);
