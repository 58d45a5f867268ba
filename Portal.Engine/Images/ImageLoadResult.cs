namespace Portal.Engine.Images;

/// <summary>An image an archive held: its id and the names it was given.</summary>
public sealed record ImageLoadResult(string Id, IReadOnlyList<string> RepoTags);
