namespace Portal.Engine.ProcessSetup;

/// <summary>argv[0] could not be run; <see cref="ExitCode"/> is Docker's (127 not found, 126 not executable).</summary>
public sealed class ExecLookupException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
