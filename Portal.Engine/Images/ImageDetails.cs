namespace Portal.Engine.Images;

/// <summary>One stored image. <see cref="Id"/> is "sha256:&lt;config digest&gt;", as Docker reports it.</summary>
public sealed record ImageDetails
{
    public required string Id { get; init; }
    public IReadOnlyList<string> RepoTags { get; init; } = [];
    public IReadOnlyList<string> RepoDigests { get; init; } = [];
    public DateTimeOffset? Created { get; init; }
    /// <summary>Sum of the uncompressed layer sizes.</summary>
    public long Size { get; init; }
    public string Architecture { get; init; } = "amd64";
    public string Os { get; init; } = "linux";
    public string? Author { get; init; }
    public required ImageConfig Config { get; init; }
    /// <summary>rootfs.diff_ids, lowest layer first.</summary>
    public IReadOnlyList<string> DiffIds { get; init; } = [];
    /// <summary>Manifest annotations (org.opencontainers.image.*), empty for docker-archive images.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
