namespace Portal.Engine.Images;

/// <summary>The runtime part of an OCI image config ("config" object), as an image declares it.</summary>
public sealed record ImageConfig
{
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public string WorkingDir { get; init; } = "";
    public string User { get; init; } = "";
    /// <summary>"8080/tcp" style keys.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];
    public IReadOnlyList<string> Volumes { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? StopSignal { get; init; }
}
