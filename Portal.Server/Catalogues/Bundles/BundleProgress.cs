namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// Where an import is. <see cref="Done"/> and <see cref="Total"/> count bytes while receiving (Total null when the
/// client sent no Content-Length), appliances while validating, images while importing, and 0..1 while saving.
/// </summary>
public sealed record BundleProgress(BundlePhase Phase, long Done, long? Total, string? Item = null);
