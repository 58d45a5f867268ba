namespace Portal.Engine.Volumes;

/// <summary>A volume mounted into a container, as its record keeps it and inspect shows it.</summary>
public sealed record MountPoint
{
    public required string Name { get; init; }
    /// <summary>Absolute path inside the container.</summary>
    public required string Destination { get; init; }
    public bool ReadOnly { get; init; }
    public bool Anonymous { get; init; }
    public bool NoCopy { get; init; }
    /// <summary>The volume's data directory on the host; filled in by inspect, not persisted.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Source { get; init; } = "";
}
