namespace Portal.Server.Catalogues.Bundles;

/// <summary>The "Portal:Catalogues" configuration section: caps on a catalogue bundle upload.</summary>
public sealed class BundleOptions
{
    public const string Section = "Portal:Catalogues";

    /// <summary>The largest bundle accepted, as uploaded (compressed or not).</summary>
    public long MaxBundleBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The most bytes a bundle may expand to (a gzip bomb stops here).</summary>
    public long MaxExtractedBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>The largest single file in a bundle.</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    public int MaxEntries { get; set; } = 10_000;

    public int MaxAppliances { get; set; } = 200;

    /// <summary>Cap on catalogue.yaml and each appliance.yaml.</summary>
    public int MaxYamlBytes { get; set; } = 1024 * 1024;

    public int MaxIconBytes { get; set; } = 256 * 1024;

    /// <summary>Cap on each screenshot file (x-appliance.screenshots).</summary>
    public int MaxScreenshotBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Where uploads are received and extracted; empty = &lt;DataDirectory&gt;/tmp/catalogues. Emptied on start.</summary>
    public string TempDirectory { get; set; } = "";
}
