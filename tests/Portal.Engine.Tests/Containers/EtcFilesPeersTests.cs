using Portal.Engine.Containers;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Containers;

public sealed class EtcFilesPeersTests
{
    [Fact]
    public void HostsListsEveryPeerAfterTheContainersOwnLine()
    {
        var lines = EtcFiles.Hosts("web", "10.231.1.2", [new HostsEntry("10.231.1.3", ["db", "dbhost"]), new HostsEntry("10.231.1.4", ["cache"])])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["10.231.1.2\tweb", "10.231.1.3\tdb dbhost", "10.231.1.4\tcache"], lines[^3..]);
    }

    [Fact]
    public void RewriteHostsKeepsTheInodeAndDropsTheOldContent()
    {
        using var dir = new TempDirectory();
        EtcFiles.Write(dir.Path, "web", "10.231.1.2", "/nonexistent/resolv.conf", [new HostsEntry("10.231.1.3", ["a-much-longer-peer-name"])]);
        // A handle opened before the rewrite stands in for the container's bind mount: it sees the new text only on the same inode.
        using var held = new FileStream(Path.Combine(dir.Path, "hosts"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);

        EtcFiles.RewriteHosts(dir.Path, "web", "10.231.1.2", []);

        using var reader = new StreamReader(held);
        Assert.Equal(EtcFiles.Hosts("web", "10.231.1.2"), reader.ReadToEnd());
    }
}
