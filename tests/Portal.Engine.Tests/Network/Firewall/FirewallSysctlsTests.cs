using Portal.Engine.Errors;
using Portal.Engine.Network.Firewall;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Network.Firewall;

public sealed class FirewallSysctlsTests
{
    [Fact]
    public void Forwarding_and_bridge_route_localnet_are_written_under_the_given_root()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("net", "ipv4", "conf", "ptbr1"));
        File.WriteAllText(root.Combine("net", "ipv4", "ip_forward"), "0\n");
        File.WriteAllText(root.Combine("net", "ipv4", "conf", "ptbr1", "route_localnet"), "0\n");
        var sysctls = new FirewallSysctls(root.Path);

        sysctls.EnableForwarding();
        sysctls.PrepareBridge("ptbr1");

        Assert.Equal("1\n", File.ReadAllText(root.Combine("net", "ipv4", "ip_forward")));
        Assert.Equal("1\n", File.ReadAllText(root.Combine("net", "ipv4", "conf", "ptbr1", "route_localnet")));
        Assert.Equal("1", sysctls.Read("net/ipv4/ip_forward"));
    }

    [Fact]
    public void A_value_already_set_is_not_written_again()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("net", "ipv4"));
        var path = root.Combine("net", "ipv4", "ip_forward");
        File.WriteAllText(path, "1\n");
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);

        new FirewallSysctls(root.Path).EnableForwarding();

        Assert.Equal(old, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_bridge_that_does_not_exist_is_an_error_naming_the_sysctl()
    {
        using var root = new TempDirectory();

        var e = Assert.Throws<EngineException>(() => new FirewallSysctls(root.Path).PrepareBridge("ptbr9"));
        Assert.StartsWith("set sysctl net.ipv4.conf.ptbr9.route_localnet=1 (", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bridge_name_with_a_slash_cannot_escape_the_conf_directory()
    {
        using var root = new TempDirectory();

        var e = Assert.Throws<InvalidArgumentException>(() => new FirewallSysctls(root.Path).PrepareBridge("../../x"));
        Assert.Equal("set route_localnet: invalid bridge name \"../../x\" (1-15 characters of [a-zA-Z0-9_.-])", e.Message);
    }
}
