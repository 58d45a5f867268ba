namespace Portal.Server.Catalogues.Bundles;

/// <summary>What a bundle file is, told by its first bytes (never by its name).</summary>
public enum BundleFormat
{
    Unknown,
    Tar,
    Gzip,
}
