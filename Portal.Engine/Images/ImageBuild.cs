namespace Portal.Engine.Images;

/// <summary>What <see cref="OciImageWriter"/> builds: layers (lowest first), config and names.</summary>
public sealed record ImageBuild
{
    /// <summary>The fixed time stamped on configs and layer entries unless another is given (reproducible output).</summary>
    public static readonly DateTimeOffset DefaultTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public required IReadOnlyList<LayerSource> Layers { get; init; }
    public ImageConfig Config { get; init; } = new();
    public string Architecture { get; init; } = Platforms.HostArchitecture;
    public string Os { get; init; } = "linux";
    public string? Author { get; init; }
    /// <summary>Manifest annotations (org.opencontainers.image.*).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    /// <summary>Names such as "localhost/app:1".</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public DateTimeOffset Created { get; init; } = DefaultTime;
    public LayerCompression Compression { get; init; } = LayerCompression.Gzip;
}
