namespace Portal.Server.Catalogues.Manifests;

/// <summary>One entry of <c>x-appliance.screenshots</c>: a file in the bundle (relative to the manifest) and its text alternative.</summary>
/// <param name="Caption">Empty when the manifest gives none; readers then say "&lt;title&gt; screenshot N".</param>
public sealed record ApplianceScreenshot(string Path, string Caption = "")
{
    public const int MaxCount = 8;
    public const int MaxCaptionLength = 200;

    /// <summary>The text alternative of screenshot <paramref name="index"/> (0-based): its caption, else "&lt;title&gt; screenshot N".</summary>
    public static string AltText(string? caption, string title, int index) =>
        string.IsNullOrWhiteSpace(caption) ? $"{title} screenshot {index + 1}" : caption;
}
