using Portal.Engine.Interop;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Interop;

public sealed class LinuxSyscallsTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly LinuxSyscalls sys = LinuxSyscalls.Instance;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void LstatTellsKindsWithoutFollowingLinks()
    {
        var dir = temp.Combine("d");
        sys.Mkdir(dir, FileModes.Rwxr_xr_x);
        sys.CreateFile(temp.Combine("f"), FileModes.Rw_r__r__);
        sys.Symlink("/etc", temp.Combine("l"));

        Assert.Equal(FileKind.Directory, sys.Lstat(dir));
        Assert.Equal(FileKind.File, sys.Lstat(temp.Combine("f")));
        Assert.Equal(FileKind.Symlink, sys.Lstat(temp.Combine("l")));
        Assert.Equal(FileKind.Missing, sys.Lstat(temp.Combine("none")));
        Assert.Equal(FileKind.Missing, sys.Lstat(temp.Combine("f", "below-a-file")));
    }

    [Fact]
    public void FailuresNameTheOperationThePathAndTheErrno()
    {
        var e = Assert.Throws<LinuxException>(() => sys.Mkdir(temp.Path, FileModes.Rwxr_xr_x));
        Assert.Equal(ErrnoNames.EEXIST, e.Errno);
        Assert.StartsWith($"mkdir {temp.Path}: EEXIST", e.Message, StringComparison.Ordinal);
        // Creating over a symlink must fail rather than write through it.
        sys.Symlink(temp.Combine("target"), temp.Combine("link"));
        Assert.Equal(ErrnoNames.EEXIST, Assert.Throws<LinuxException>(() => sys.CreateFile(temp.Combine("link"), FileModes.Rw_r__r__)).Errno);
        Assert.False(File.Exists(temp.Combine("target")));
    }

    [Fact]
    public void RlimitsReadBackWhatWasSet()
    {
        var (soft, hard) = sys.GetRlimit(4);
        sys.SetRlimit(4, Math.Min(soft, hard), hard);
        Assert.Equal((Math.Min(soft, hard), hard), sys.GetRlimit(4));
    }

    [Fact]
    public void MountFlagsFormatForMessages()
    {
        Assert.Equal("BIND|REC", MountFlags.Format(MountFlags.MS_BIND | MountFlags.MS_REC));
        Assert.Equal("0", MountFlags.Format(0));
    }
}
