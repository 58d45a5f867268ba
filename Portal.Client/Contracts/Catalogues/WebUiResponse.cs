namespace Portal.Client.Contracts;

/// <summary>Where the appliance's web UI listens inside the container (the portal maps a host port to it).</summary>
public sealed record WebUiResponse(int Port, string Path, string Scheme);
