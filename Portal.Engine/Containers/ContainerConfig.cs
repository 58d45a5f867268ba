namespace Portal.Engine.Containers;

/// <summary>The effective configuration of a container: the image's values merged with the request's.</summary>
public sealed record ContainerConfig
{
    public required string Image { get; init; }
    public IReadOnlyList<string> Entrypoint { get; init; } = [];
    public IReadOnlyList<string> Cmd { get; init; } = [];
    public IReadOnlyList<string> Env { get; init; } = [];
    public string WorkingDir { get; init; } = "";
    public string User { get; init; } = "";
    public required string Hostname { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];
    public bool Tty { get; init; }
    public string StopSignal { get; init; } = "SIGTERM";
    public int StopTimeoutSeconds { get; init; } = 10;
}
