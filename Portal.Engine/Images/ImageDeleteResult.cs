namespace Portal.Engine.Images;

/// <summary>One line of a removal: either a name that was untagged or an image that was deleted.</summary>
public sealed record ImageDeleteResult(string? Untagged, string? Deleted);
