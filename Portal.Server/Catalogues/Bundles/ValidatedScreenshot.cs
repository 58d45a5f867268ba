namespace Portal.Server.Catalogues.Bundles;

/// <summary>A screenshot whose type and size were checked; its bytes are read from <see cref="File"/> only when committing, one version at a time.</summary>
/// <param name="Caption">As the manifest gives it; null when it gives none.</param>
internal sealed record ValidatedScreenshot(string File, string MediaType, string? Caption);
