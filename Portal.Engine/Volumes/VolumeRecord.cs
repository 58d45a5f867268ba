namespace Portal.Engine.Volumes;

/// <summary>What the engine persists about a volume (volumes/&lt;name&gt;/volume.json).</summary>
public sealed record VolumeRecord
{
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Driver { get; init; } = VolumeStore.LocalDriver;
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Created for an image VOLUME or an unnamed mount; `docker rm -v` and `--rm` remove it with its container.</summary>
    public bool Anonymous { get; init; }
}
