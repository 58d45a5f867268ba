namespace Portal.Engine.Volumes;

/// <summary>POST /volumes/create: null name = an anonymous volume with a generated name.</summary>
public sealed record VolumeCreateRequest
{
    public string? Name { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
