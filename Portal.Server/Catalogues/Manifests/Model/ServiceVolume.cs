namespace Portal.Server.Catalogues.Manifests;

/// <summary>A mount in the service. <see cref="Source"/> is a named volume, or a host path under admin trust only.</summary>
public sealed record ServiceVolume(string Source, string Target, bool ReadOnly = false, bool HostPath = false);
