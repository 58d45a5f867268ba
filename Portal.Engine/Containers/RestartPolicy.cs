namespace Portal.Engine.Containers;

public enum RestartPolicyKind
{
    No,
    OnFailure,
    Always,
    UnlessStopped,
}

/// <summary>Docker's restart policy; <see cref="MaximumRetryCount"/> applies to on-failure (0 = no cap).</summary>
public sealed record RestartPolicy(RestartPolicyKind Kind, int MaximumRetryCount = 0)
{
    public static RestartPolicy No { get; } = new(RestartPolicyKind.No);
}
