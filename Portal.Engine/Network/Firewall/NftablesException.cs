using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>nft refused a transaction or could not be run; the message names the operation and carries nft's own error text.</summary>
public sealed class NftablesException : EngineException
{
    public NftablesException(string operation, int exitCode, string error)
        : base($"{operation}: nft failed (exit code {exitCode}): {error.Trim()}")
    {
        Operation = operation;
        ExitCode = exitCode;
        Error = error;
    }

    public NftablesException(string operation, Exception inner)
        : base($"{operation}: cannot run nft: {inner.Message}", inner)
    {
        Operation = operation;
        ExitCode = -1;
        Error = inner.Message;
    }

    public string Operation { get; }
    public int ExitCode { get; }
    public string Error { get; }
}
