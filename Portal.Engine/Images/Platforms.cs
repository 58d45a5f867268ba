using System.Runtime.InteropServices;

namespace Portal.Engine.Images;

internal static class Platforms
{
    /// <summary>The host's architecture in OCI/GOARCH spelling.</summary>
    public static string HostArchitecture { get; } = RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };
}
