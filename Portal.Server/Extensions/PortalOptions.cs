namespace Portal.Server.Extensions;

/// <summary>The "Portal" configuration section (appsettings.json, overridable as Portal__DataDirectory etc.).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where SQLite, keys and the engine store live; relative paths are taken from the content root.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Docker Engine API socket; empty = &lt;DataDirectory&gt;/engine.sock.</summary>
    public string DockerSocket { get; set; } = "";

    /// <summary>The NativeAOT portal-init helper; empty = next to the server binary or in artifacts/portal-init.</summary>
    public string InitPath { get; set; } = "";
}
