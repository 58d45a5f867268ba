namespace Portal.Engine.Images;

/// <summary>An image read from an archive: verified config (and manifest), its layers and the names it comes with.</summary>
internal sealed record PendingImage(
    string ConfigHex,
    byte[] ConfigBytes,
    OciImageConfigFile Config,
    IReadOnlyList<PendingLayer> Layers,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Annotations,
    string? ManifestHex,
    byte[]? ManifestBytes);
