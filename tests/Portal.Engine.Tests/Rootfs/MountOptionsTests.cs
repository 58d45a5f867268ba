using Portal.Engine.Rootfs;
using static Portal.Engine.Interop.MountFlags;

namespace Portal.Engine.Tests.Rootfs;

public sealed class MountOptionsTests
{
    [Fact]
    public void FlagWordsBecomeFlagsAndTheRestIsData()
    {
        var o = MountOptions.Parse(["ro", "nosuid", "nodev", "lowerdir=/a:/b", "upperdir=/u", "workdir=/w", "index=off"]);
        Assert.Equal(MS_RDONLY | MS_NOSUID | MS_NODEV, o.Flags);
        Assert.Equal("lowerdir=/a:/b,upperdir=/u,workdir=/w,index=off", o.Data);
        Assert.Equal(0UL, o.Propagation);
    }

    [Fact]
    public void ClearingWordsUndoEarlierOnes()
    {
        var o = MountOptions.Parse(["ro", "rw", "noexec", "exec", "relatime"]);
        Assert.Equal(MS_RELATIME, o.Flags);
        Assert.Null(o.Data);
    }

    [Fact]
    public void BindAndPropagationAreSeparated()
    {
        var o = MountOptions.Parse(["rbind", "rprivate"]);
        Assert.Equal(MS_BIND | MS_REC, o.Flags);
        Assert.Equal(MS_PRIVATE | MS_REC, o.Propagation);
        Assert.True(o.IsBind);
        Assert.Equal(MS_SLAVE, MountOptions.Parse(["slave"]).Propagation);
    }
}
