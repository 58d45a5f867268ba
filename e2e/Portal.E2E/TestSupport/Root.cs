namespace Portal.E2E.TestSupport;

/// <summary>The journeys run the real server with its engine, so only as root (CI is root); elsewhere they skip with this message.</summary>
internal static class Root
{
    public const string Category = "Root";

    public static void Require() =>
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root: the e2e journeys run the real Portal server and its container engine");
}
