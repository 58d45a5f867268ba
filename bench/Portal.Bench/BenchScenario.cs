namespace Portal.Bench;

internal enum BenchScenario
{
    /// <summary>`true` without networking, against runc and crun (issue #2).</summary>
    Start,

    /// <summary>`true` with bridge networking and a published port, against podman run --rm (issue #3).</summary>
    Network,

    /// <summary>The deployment page's log viewer in chromium against a naive viewer (issue #5).</summary>
    LogViewer,

    /// <summary>A fresh browser tab until the web app is interactive: the published app against the build output's.</summary>
    AppStart,
}
