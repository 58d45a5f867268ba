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

    [Fact]
    public void Without_add_or_drop_the_set_is_dockers_default()
    {
        Assert.Equal(Capabilities.Mask(DefaultSecurity.Capabilities), Capabilities.Mask(Capabilities.Effective(DefaultSecurity.Capabilities, [], [])));
    }

    [Fact]
    public void Drop_all_then_add_keeps_only_the_added_ones()
    {
        var set = Capabilities.Effective(DefaultSecurity.Capabilities, ["cap_net_bind_service"], ["ALL"]);
        Assert.Equal(["NET_BIND_SERVICE"], set);
        Assert.Equal(0x400UL, Capabilities.Mask(set));
    }

    [Fact]
    public void A_dropped_default_goes_and_an_added_one_joins_in_bit_order()
    {
        var set = Capabilities.Effective(DefaultSecurity.Capabilities, ["CAP_NET_ADMIN", "SYS_TIME"], ["CAP_CHOWN", "kill"]);
        Assert.Equal(0xa80425fbUL & ~0x21UL | (1UL << 12) | (1UL << 25), Capabilities.Mask(set));
        Assert.Equal("DAC_OVERRIDE", set[0]);
        Assert.Equal(set.OrderBy(Capabilities.Number), set);
        Assert.Contains("SYS_TIME", set);
    }

    [Fact]
    public void Add_all_grants_every_capability_but_the_dropped_ones()
    {
        var set = Capabilities.Effective(DefaultSecurity.Capabilities, ["all"], ["SYS_ADMIN"]);
        Assert.Equal(Capabilities.Last, set.Count);
        Assert.Equal(Capabilities.UpTo(Capabilities.Last) & ~(1UL << 21), Capabilities.Mask(set));
    }

    [Fact]
    public void Known_names_include_all_and_refuse_others()
    {
        Assert.True(Capabilities.IsKnown("all"));
        Assert.True(Capabilities.IsKnown("cap_bpf"));
        Assert.False(Capabilities.IsKnown("CAP_FLY"));
        Assert.Equal(0x1FFUL, Capabilities.UpTo(8));
        Assert.Equal(ulong.MaxValue, Capabilities.UpTo(63));
    }
}
