using Portal.Engine.Images;

namespace Portal.Server.Catalogues.Demo;

/// <summary>The "Portal:Demo" configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Portal:Demo";

    /// <summary>Import the demo catalogue on start when the "Portal Demo" vendor has none (Portal:Demo:Enabled=false turns it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The busybox-static binary the demo images are built from.</summary>
    public string BusyboxPath { get; set; } = BusyboxImage.DefaultBusyboxPath;
}
