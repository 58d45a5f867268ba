namespace Portal.Engine.Volumes;

/// <summary>A volume as `docker volume inspect` shows it, plus the containers that use it.</summary>
public sealed record VolumeDetails
{
    public required string Name { get; init; }
    public string Driver { get; init; } = VolumeStore.LocalDriver;
    /// <summary>The host directory mounted into containers (volumes/&lt;name&gt;/_data).</summary>
    public required string Mountpoint { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string Scope { get; init; } = "local";
    public bool Anonymous { get; init; }
    /// <summary>Ids of the containers (any state) that mount it.</summary>
    public IReadOnlyList<string> UsedBy { get; init; } = [];
}
