namespace Portal.Data.Entities;

/// <summary>One screenshot of an appliance version (x-appliance.screenshots), with its checked media type.</summary>
public sealed class ApplianceVersionScreenshot
{
    public int ApplianceVersionId { get; set; }

    public ApplianceVersion? ApplianceVersion { get; set; }

    /// <summary>0-based, in manifest order; with the version, the key.</summary>
    public int Position { get; set; }

    public required byte[] Content { get; set; }

    /// <summary><c>image/png</c>, <c>image/jpeg</c> or <c>image/webp</c>, told by the content at import.</summary>
    public required string MediaType { get; set; }

    /// <summary>The text alternative the manifest gives; null when it gives none.</summary>
    public string? Caption { get; set; }
}
