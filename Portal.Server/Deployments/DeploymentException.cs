namespace Portal.Server.Deployments;

/// <summary>A deployment operation was refused; <see cref="Problems"/> lists every problem as <c>path: message</c>.</summary>
public sealed class DeploymentException : Exception
{
    public DeploymentException(DeploymentErrorKind kind, string message, IReadOnlyList<string>? problems = null)
        : base(message)
    {
        Kind = kind;
        Problems = problems ?? [message];
    }

    public DeploymentException(DeploymentErrorKind kind, string message, Exception inner)
        : base(message, inner)
    {
        Kind = kind;
        Problems = [message];
    }

    public DeploymentErrorKind Kind { get; }

    public IReadOnlyList<string> Problems { get; }
}
