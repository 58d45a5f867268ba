namespace Portal.Server.Catalogues.Bundles;

/// <summary>How an import ended; everything but <see cref="Imported"/> changed nothing.</summary>
public enum CatalogueImportStatus
{
    Imported,
    /// <summary>The bundle has problems (each with its path); HTTP 422.</summary>
    Invalid,
    /// <summary>The vendor already uploaded this catalogue version (other problems may be listed too); HTTP 409.</summary>
    VersionExists,
    /// <summary>Over the upload cap; HTTP 413.</summary>
    TooLarge,
}
