namespace Portal.Server.Catalogues.Bundles;

/// <summary>The steps of a catalogue import, in the order they are reported.</summary>
public enum BundlePhase
{
    Receiving,
    Validating,
    ImportingImages,
    Saving,
}
