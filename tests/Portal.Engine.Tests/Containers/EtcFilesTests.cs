using Portal.Engine.Containers;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Containers;

public sealed class EtcFilesTests
{
    [Fact]
    public void HostsHasLocalhostAndTheContainerAddressWithItsHostname()
    {
        var lines = EtcFiles.Hosts("web", "172.30.0.2").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("127.0.0.1\tlocalhost", lines[0]);
        Assert.Equal("::1\tlocalhost ip6-localhost ip6-loopback", lines[1]);
        Assert.Equal("172.30.0.2\tweb", lines[^1]);
    }

    [Fact]
    public void HostsWithoutAnAddressHasOnlyTheDefaultEntries()
    {
        var hosts = EtcFiles.Hosts("web", null);

        Assert.StartsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n", hosts, StringComparison.Ordinal);
        Assert.DoesNotContain("web", hosts, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvConfSkipsLoopbackNameserversAndKeepsSearchAndOptions()
    {
        const string host = "# generated\nnameserver 127.0.0.53\nnameserver 10.1.2.3\nnameserver ::1\nnameserver 127.1.1.1\n" +
            "nameserver fd00::53\nsearch corp.example lan\noptions edns0 trust-ad\nsortlist 130.155.160.0\n";

        var lines = EtcFiles.ResolvConf(host).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["nameserver 10.1.2.3", "nameserver fd00::53", "search corp.example lan", "options edns0 trust-ad"], lines);
    }

    [Fact]
    public void ResolvConfFallsBackToDockersPublicNameserversWhenOnlyLoopbackOnesRemain()
    {
        var lines = EtcFiles.ResolvConf("nameserver 127.0.0.53\noptions edns0\nsearch lan\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["nameserver 8.8.8.8", "nameserver 8.8.4.4", "options edns0", "search lan"], lines);
        Assert.Equal("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", EtcFiles.ResolvConf(""));
    }

    [Fact]
    public void WriteCreatesTheThreeFilesFromTheInjectedHostFile()
    {
        using var temp = new TempDirectory();
        var hostFile = temp.Combine("host-resolv.conf");
        File.WriteAllText(hostFile, "nameserver 127.0.0.53\nnameserver 192.0.2.53\n");

        var binds = EtcFiles.Write(temp.Path, "box", "172.30.0.9", hostFile);

        Assert.Equal(["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"], binds.Select(b => b.ContainerPath));
        Assert.All(binds, b => Assert.Equal(temp.Path, Path.GetDirectoryName(b.HostPath)));
        Assert.Equal("box\n", File.ReadAllText(temp.Combine("hostname")));
        Assert.EndsWith("172.30.0.9\tbox\n", File.ReadAllText(temp.Combine("hosts")), StringComparison.Ordinal);
        Assert.Equal("nameserver 192.0.2.53\n", File.ReadAllText(temp.Combine("resolv.conf")));
    }

    [Fact]
    public void WriteWithAMissingHostFileUsesTheFallback()
    {
        using var temp = new TempDirectory();

        EtcFiles.Write(temp.Path, "box", null, temp.Combine("absent"));

        Assert.Equal("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", File.ReadAllText(temp.Combine("resolv.conf")));
    }
}
