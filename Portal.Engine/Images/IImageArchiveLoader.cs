namespace Portal.Engine.Images;

/// <summary>
/// Image archives on disk as a catalogue import needs them: read one before storing anything (to cross-check its
/// config), then load exactly its one image under a name the caller chooses, never under names the archive gives.
/// Paths are a docker-archive or oci-archive tar file, or an OCI layout directory.
/// </summary>
public interface IImageArchiveLoader
{
    /// <summary>
    /// Reads and verifies the archive's manifests and configs (every blob's size and digest) without storing anything.
    /// <see cref="ImageDetails.RepoTags"/> are the names the archive gives; <see cref="ImageDetails.Size"/> is 0 (layers
    /// are not extracted yet, their diff_ids are verified when the image is loaded). Throws ImageFormatException.
    /// </summary>
    Task<IReadOnlyList<ImageDetails>> InspectArchiveAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the archive's only image (ImageFormatException when it holds several) and names it <paramref name="name"/>
    /// (moving the name from any image that had it); the archive's own names are ignored.
    /// </summary>
    Task<ImageLoadResult> LoadArchiveAsAsync(string path, string name, CancellationToken cancellationToken = default);
}
