namespace Portal.Server.Tests.TestSupport;

/// <summary>Tests against the real engine run only as root (CI is root); elsewhere they skip with this message.</summary>
internal static class Root
{
    public const string Category = "Root";

    public static void Require() =>
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root: runs real containers through the embedded engine");
}
