namespace Portal.Engine.Images;

internal sealed record BuiltImage(IReadOnlyList<BuiltLayer> Layers, byte[] Config, string ConfigHex, byte[] Manifest, string ManifestHex);
