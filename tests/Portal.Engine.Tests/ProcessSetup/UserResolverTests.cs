using Portal.Engine.ProcessSetup;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.ProcessSetup;

public sealed class UserResolverTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string passwd;
    private readonly string group;

    public UserResolverTests()
    {
        passwd = temp.Combine("passwd");
        group = temp.Combine("group");
        File.WriteAllText(passwd, "root:x:0:0:root:/root:/bin/sh\n# comment\napp:x:1000:1000:app:/home/app:/bin/sh\nbroken:line\n");
        File.WriteAllText(group, "root:x:0:\napp:x:1000:\nextra:x:2000:app,other\nwheel:x:10:root\n");
    }

    public void Dispose() => temp.Dispose();

    private ExecUser Resolve(string user) => UserResolver.Resolve(user, passwd, group);

    [Fact]
    public void EmptyIsRootWithItsHomeAndGroups()
    {
        var u = Resolve("");
        Assert.Equal((0u, 0u, "/root"), (u.Uid, u.Gid, u.Home));
        Assert.Equal([0u, 10u], u.AdditionalGids);
    }

    [Fact]
    public void NameGivesUidGidHomeAndMembershipGroups()
    {
        var u = Resolve("app");
        Assert.Equal((1000u, 1000u, "/home/app"), (u.Uid, u.Gid, u.Home));
        Assert.Equal([1000u, 2000u], u.AdditionalGids);
    }

    [Fact]
    public void UidKnownOrNotIsUsedAsIs()
    {
        Assert.Equal((1000u, 1000u, "/home/app"), Resolve("1000") is var a ? (a.Uid, a.Gid, a.Home) : default);
        var b = Resolve("4242");
        Assert.Equal((4242u, 0u, "/"), (b.Uid, b.Gid, b.Home));
        Assert.Equal([0u], b.AdditionalGids);
    }

    [Fact]
    public void ExplicitGroupReplacesMembershipGroups()
    {
        var u = Resolve("app:extra");
        Assert.Equal((1000u, 2000u), (u.Uid, u.Gid));
        Assert.Equal([2000u], u.AdditionalGids);
        var n = Resolve("1000:3000");
        Assert.Equal((1000u, 3000u), (n.Uid, n.Gid));
        Assert.Equal((1000u, 10u), Resolve("app:10") is var g ? (g.Uid, g.Gid) : default);
    }

    [Fact]
    public void UnknownNamesAreClearErrors()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve("app2"));
        Assert.Equal("unable to find user app2: no matching entries in passwd file", e.Message);
        var g = Assert.Throws<InvalidOperationException>(() => Resolve("app:nogroup"));
        Assert.Equal("unable to find group nogroup: no matching entries in group file", g.Message);
    }

    [Fact]
    public void MissingFilesStillAllowNumericIds()
    {
        var u = UserResolver.Resolve("1:2", temp.Combine("none"), temp.Combine("none2"));
        Assert.Equal((1u, 2u, "/"), (u.Uid, u.Gid, u.Home));
        Assert.Throws<InvalidOperationException>(() => UserResolver.Resolve("app", temp.Combine("none"), group));
    }
}
