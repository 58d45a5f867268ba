using Portal.Engine.Errors;

namespace Portal.Engine.Containers;

/// <summary>The container's process could not be started; <see cref="ExitCode"/> is Docker's: 127 when the
/// executable was not found, 126 when it could not be executed, 125 otherwise.</summary>
public sealed class ContainerStartException(string message, int exitCode) : EngineException(message)
{
    public int ExitCode { get; } = exitCode;
}
