using Portal.Engine.Containers;
using Portal.Engine.Interop;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Runtime;

[Trait("Category", "Root")]
public sealed class ShimRuntimeTests : IDisposable
{
    private readonly ContainerFixture fx;

    public ShimRuntimeTests()
    {
        Root.Require();
        fx = new ContainerFixture();
    }

    public void Dispose() => fx.Dispose();

    [Fact]
    public async Task Pid1IsTheCommandAndHostnameIsTheSpecs()
    {
        var (exit, stdout, _) = await fx.RunAsync(fx.Spec("pid", "sh", "-c", "echo pid=$$; hostname; ps -o pid,comm | wc -l"));
        Assert.Equal(0, exit.ExitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pid=1", lines[0]);
        Assert.Equal("portal-pid", lines[1]);
    }
}
