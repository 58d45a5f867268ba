namespace Portal.Server.Catalogues.Manifests;

/// <summary>Where the appliance's web UI listens inside the container; the portal maps a host port to it.</summary>
public sealed record WebUi(int Port, string Path = "/", string Scheme = "http");
