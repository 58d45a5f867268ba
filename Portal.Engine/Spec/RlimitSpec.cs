namespace Portal.Engine.Spec;

/// <summary>A resource limit by its RLIMIT_* name without prefix (e.g. "NOFILE").</summary>
public sealed record RlimitSpec(string Type, ulong Soft, ulong Hard);
