namespace Portal.Engine.Spec;

/// <summary>The container's PID 1 as stage2 executes it.</summary>
public sealed record ProcessSpec
{
    /// <summary>argv; Args[0] is looked up in PATH from <see cref="Env"/> inside the container when it has no slash.</summary>
    public required IReadOnlyList<string> Args { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    /// <summary>Working directory inside the container (absolute); created if missing, as Docker does.</summary>
    public string Cwd { get; init; } = "/";
    /// <summary>Docker's user string: "", "name", "uid", "name:group", "uid:gid". Resolved by stage2 from the
    /// container's own /etc/passwd and /etc/group, never through NSS.</summary>
    public string User { get; init; } = "";
    /// <summary>Capability names without the CAP_ prefix kept in bounding, permitted and effective sets.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];
    public bool NoNewPrivileges { get; init; } = true;
    public IReadOnlyList<RlimitSpec> Rlimits { get; init; } = [];
}
