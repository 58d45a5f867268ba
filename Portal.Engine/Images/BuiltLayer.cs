namespace Portal.Engine.Images;

internal sealed record BuiltLayer(string DiffIdHex, byte[] Blob, string BlobHex, string MediaType);
