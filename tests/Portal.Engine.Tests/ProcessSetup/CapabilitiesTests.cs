using Portal.Engine.ProcessSetup;
using Portal.Engine.Spec;
using Portal.Engine.Tests.Interop;

namespace Portal.Engine.Tests.ProcessSetup;

public sealed class CapabilitiesTests
{
    [Fact]
    public void DockersDefault14GiveA80425fb() =>
        Assert.Equal(0xa80425fbUL, Capabilities.Mask(DefaultSecurity.Capabilities));

    [Fact]
    public void NamesAcceptThePrefixAndAnyCase()
    {
        Assert.Equal(13, Capabilities.Number("CAP_NET_RAW"));
        Assert.Equal(21, Capabilities.Number("sys_admin"));
        Assert.Equal(40, Capabilities.Number("CHECKPOINT_RESTORE"));
        var e = Assert.Throws<ArgumentException>(() => Capabilities.Number("FLY"));
        Assert.Contains("unknown capability: FLY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundingSetDropsEverythingNotKeptUpToTheKernelsLast()
    {
        var sys = new RecordingSyscalls();
        var keep = Capabilities.Mask(DefaultSecurity.Capabilities);
        Capabilities.DropBounding(sys, keep);

        var dropped = sys.Calls.Where(c => c.Op == "capbset_drop").Select(c => (int)c.Flags).ToList();
        Assert.Equal(Capabilities.Last + 1 - 14, dropped.Count);
        Assert.All(dropped, cap => Assert.Equal(0UL, keep & (1UL << cap)));
        Assert.Contains(21, dropped);
    }

    [Fact]
    public void RootKeepsTheSetAsPermittedAndEffectiveWithEmptyInheritable()
    {
        var sys = new RecordingSyscalls();
        Capabilities.Apply(sys, 0xa80425fb, isRoot: true);
        Assert.Equal(0xa80425fbUL, sys.Effective);
        Assert.Equal(0xa80425fbUL, sys.Permitted);
        Assert.Equal(0UL, sys.Inheritable);
        Assert.Equal("47", sys.Calls[^1].Data);
    }

    [Fact]
    public void OtherUsersGetNoCapabilities()
    {
        var sys = new RecordingSyscalls();
        Capabilities.Apply(sys, 0xa80425fb, isRoot: false);
        Assert.Equal(0UL, sys.Effective);
        Assert.Equal(0UL, sys.Permitted);
    }
}
