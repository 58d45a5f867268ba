namespace Portal.Client.Contracts;

/// <summary>
/// One screenshot of an appliance version, in manifest order. <see cref="Caption"/> is the image's text alternative:
/// the manifest's caption, else "&lt;title&gt; screenshot N". <see cref="Url"/> serves the bytes (png, jpeg or webp).
/// </summary>
public sealed record ApplianceScreenshotResponse(int Position, string Url, string Caption, string MediaType);
