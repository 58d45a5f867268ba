using Portal.Engine.Errors;
using Portal.Engine.Snapshots;

namespace Portal.Engine.Images;

public sealed partial class ImageStore
{
    public async Task<IReadOnlyList<ImageDeleteResult>> RemoveAsync(string reference, bool force, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Remove(reference, force);
        }
        finally
        {
            _lock.Release();
        }
    }

    private List<ImageDeleteResult> Remove(string reference, bool force)
    {
        var (image, name) = Resolve(reference);
        var shortId = image.Id[..12];
        var next = Clone(_index);
        var record = next.Images.First(i => i.Id == image.Id);

        // Docker: removing one of several names only untags, even while a container uses the image.
        if (name is not null && record.RepoTags.Count > 1)
        {
            record.RepoTags.Remove(name);
            Save(next);
            return [new ImageDeleteResult(name, null)];
        }

        if (name is null && record.RepoTags.Count > 1 && !force)
        {
            throw new ConflictException($"conflict: unable to delete {shortId} (must be forced) - image is referenced in multiple repositories");
        }

        var inUse = _isInUse(Digests.Prefix + image.Id);
        if (inUse && !force)
        {
            throw new ConflictException($"conflict: unable to delete {shortId} (must be forced) - image is being used by running container");
        }

        var results = record.RepoTags.Select(t => new ImageDeleteResult(t, null)).ToList();
        record.RepoTags.Clear();
        if (inUse)
        {
            // Forced while in use: the names go, the image and its layers stay (left <none>), because
            // deleting layers under a mounted overlay would pull files from a live container.
            Save(next);
            return results;
        }

        next.Images.Remove(record);
        var stillUsed = next.Images.SelectMany(i => i.Layers).ToHashSet(StringComparer.Ordinal);
        var unusedLayers = record.Layers.Distinct().Where(l => !stillUsed.Contains(l)).ToList();
        foreach (var layer in unusedLayers)
        {
            next.LayerSizes.Remove(layer);
        }

        Save(next);
        _configs.Remove(image.Id);

        // The index no longer names them; a crash from here on leaves orphans the next start sweeps.
        foreach (var layer in unusedLayers)
        {
            LayerLinks.Remove(_root, LayerDiffDirectory(layer));
            var doomed = Path.Combine(TempDirectory, "delete-" + layer);
            Directory.Move(LayerDirectory(layer), doomed);
            DeleteQuietly(doomed);
        }

        DeleteQuietly(BlobPath(image.Id));
        if (record.Manifest is not null && !next.Images.Any(i => i.Manifest == record.Manifest))
        {
            DeleteQuietly(BlobPath(record.Manifest));
        }

        LogDeleted(_logger, Digests.Prefix + image.Id);
        results.Add(new ImageDeleteResult(null, Digests.Prefix + image.Id));
        return results;
    }
}
