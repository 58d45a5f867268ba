using Portal.Engine.Interop;

namespace Portal.Engine.Tests;

public sealed class LinuxExceptionTests
{
    [Fact]
    public void Message_names_operation_path_and_errno()
    {
        var ex = new LinuxException("mount overlay on", "/x", ErrnoNames.EPERM);
        Assert.StartsWith("mount overlay on /x: EPERM", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrnoNames.EPERM, ex.Errno);
    }

    [Fact]
    public void Unknown_errno_is_named_by_number()
    {
        var ex = new LinuxException("frob", null, 4095);
        Assert.StartsWith("frob: errno 4095", ex.Message, StringComparison.Ordinal);
    }
}
