namespace Portal.Engine.Images;

/// <summary>A layer blob of an archive, verified against its descriptor, not yet extracted.</summary>
internal sealed record PendingLayer(string BlobPath, string? MediaType, string DiffIdHex);
