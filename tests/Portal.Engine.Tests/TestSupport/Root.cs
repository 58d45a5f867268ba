namespace Portal.Engine.Tests.TestSupport;

/// <summary>Kernel-level tests run only as root (CI is root); elsewhere they skip with this message.</summary>
public static class Root
{
    public const string Category = "Root";

    public static void Require() =>
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root: creates namespaces, mounts and cgroups");
}
