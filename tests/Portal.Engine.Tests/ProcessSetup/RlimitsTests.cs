using Portal.Engine.ProcessSetup;
using Portal.Engine.Spec;
using Portal.Engine.Tests.Interop;

namespace Portal.Engine.Tests.ProcessSetup;

public sealed class RlimitsTests
{
    [Fact]
    public void ARaiseRefusedForLackOfCapSysResourceIsClampedToTheHardLimit()
    {
        var sys = new RecordingSyscalls();
        sys.Rlimits[7] = (1024, 524288);
        var applied = Rlimits.Apply(sys, [new RlimitSpec("NOFILE", 1048576, 1048576)]);

        Assert.Equal([new RlimitSpec("NOFILE", 524288, 524288)], applied);
        Assert.Equal((524288UL, 524288UL), sys.Rlimits[7]);
    }

    [Fact]
    public void LimitsWithinTheHardLimitAreSetAsAsked()
    {
        var sys = new RecordingSyscalls();
        sys.Rlimits[6] = (100, 4096);
        var applied = Rlimits.Apply(sys, [new RlimitSpec("nproc", 512, 2048)]);

        Assert.Equal([new RlimitSpec("nproc", 512, 2048)], applied);
        Assert.Single(sys.Calls, c => c.Op == "setrlimit");
    }

    [Fact]
    public void ASoftLimitAboveTheClampedHardOneIsLoweredToIt()
    {
        var sys = new RecordingSyscalls();
        sys.Rlimits[7] = (1024, 2048);
        var applied = Rlimits.Apply(sys, [new RlimitSpec("NOFILE", 4096, 8192)]);
        Assert.Equal([new RlimitSpec("NOFILE", 2048, 2048)], applied);
    }

    [Fact]
    public void UnknownNamesAreErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => Rlimits.Apply(new RecordingSyscalls(), [new RlimitSpec("FILES", 1, 1)]));
        Assert.Contains("unknown rlimit: FILES", e.Message, StringComparison.Ordinal);
    }
}
