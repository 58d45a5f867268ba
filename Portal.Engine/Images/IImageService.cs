namespace Portal.Engine.Images;

/// <summary>Images as callers (Docker API, portal) see them.</summary>
public interface IImageService
{
    /// <summary>Imports a docker-archive or oci-archive tar stream, verifying every blob. Nothing is kept on failure.</summary>
    Task<IReadOnlyList<ImageLoadResult>> LoadAsync(Stream archive, CancellationToken cancellationToken = default);

    /// <summary>Imports an OCI image layout directory.</summary>
    Task<IReadOnlyList<ImageLoadResult>> LoadDirectoryAsync(string ociLayoutDirectory, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ImageDetails>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>By "repo:tag", "repo" (= :latest), full or short id, or "sha256:…". Throws NotFoundException.</summary>
    Task<ImageDetails> InspectAsync(string reference, CancellationToken cancellationToken = default);

    Task TagAsync(string reference, string repository, string tag, CancellationToken cancellationToken = default);

    /// <summary>Untags the name, or deletes the image when it was its last name or an id was given.
    /// Refused with ConflictException while a container uses the image, unless forced.</summary>
    Task<IReadOnlyList<ImageDeleteResult>> RemoveAsync(string reference, bool force, CancellationToken cancellationToken = default);
}
