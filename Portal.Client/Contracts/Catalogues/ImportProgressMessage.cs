namespace Portal.Client.Contracts;

/// <summary>
/// One step of a catalogue import as the live hub streams it. <see cref="Phase"/> is a <see cref="BundlePhase"/> name
/// or "Finished"; <see cref="Done"/>/<see cref="Total"/> as in <see cref="BundleProgress"/>. The last message has
/// <see cref="Finished"/> set with the <see cref="Outcome"/> (a <see cref="CatalogueImportStatus"/> name) and the
/// number of problems; the problems themselves are in the upload's HTTP response.
/// </summary>
public sealed record ImportProgressMessage(
    long Sequence,
    string Phase,
    long Done,
    long? Total,
    string? Item,
    bool Finished = false,
    string? Outcome = null,
    int Problems = 0);
