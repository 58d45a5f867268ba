using Portal.Engine.ProcessSetup;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.ProcessSetup;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExecutableLookupTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void FindsInPathAndGivesDockersErrors()
    {
        var bin = temp.Combine("bin");
        Directory.CreateDirectory(bin);
        var tool = Path.Combine(bin, "tool");
        File.WriteAllText(tool, "#!/bin/sh\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var data = Path.Combine(bin, "data");
        File.WriteAllText(data, "");
        string[] env = [$"PATH=/nonexistent:{bin}"];

        Assert.Equal(tool, ExecutableLookup.Find("tool", env));
        var missing = Assert.Throws<ExecLookupException>(() => ExecutableLookup.Find("nosuch", env));
        Assert.Equal((127, "exec: \"nosuch\": executable file not found in $PATH"), (missing.ExitCode, missing.Message));
        Assert.Equal(127, Assert.Throws<ExecLookupException>(() => ExecutableLookup.Find("data", env)).ExitCode);
        var notExec = Assert.Throws<ExecLookupException>(() => ExecutableLookup.Find(data, env));
        Assert.Equal(126, notExec.ExitCode);
        Assert.Equal(126, Assert.Throws<ExecLookupException>(() => ExecutableLookup.Find(bin, env)).ExitCode);
        Assert.Equal(127, Assert.Throws<ExecLookupException>(() => ExecutableLookup.Find("/no/such", env)).ExitCode);
    }
}
