using Portal.Engine.Errors;
using Portal.Engine.Snapshots;

namespace Portal.Engine.Images;

public sealed partial class ImageStore
{
    public async Task<IReadOnlyList<ImageLoadResult>> LoadAsync(Stream archive, CancellationToken cancellationToken = default)
    {
        var staging = NewStaging("import");
        try
        {
            var contents = await ArchiveSpool.SpoolAsync(archive, Path.Combine(staging, "archive"), _options, cancellationToken).ConfigureAwait(false);
            return await ImportAsync(contents, staging, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    public async Task<IReadOnlyList<ImageLoadResult>> LoadDirectoryAsync(string ociLayoutDirectory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(ociLayoutDirectory))
        {
            throw new InvalidArgumentException($"OCI layout directory {ociLayoutDirectory} does not exist");
        }

        var staging = NewStaging("import");
        try
        {
            return await ImportAsync(ArchiveContents.FromDirectory(ociLayoutDirectory), staging, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    public async Task<IReadOnlyList<ImageDetails>> InspectArchiveAsync(string path, CancellationToken cancellationToken = default)
    {
        var staging = NewStaging("inspect");
        try
        {
            var contents = await OpenArchiveAsync(path, staging, cancellationToken).ConfigureAwait(false);
            return [.. new ImportReader(contents, _options).Read().Select(p =>
                Describe(p.ConfigHex, p.Config, p.Tags, p.Layers.Select(l => l.DiffIdHex), 0, p.Annotations))];
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    public async Task<ImageLoadResult> LoadArchiveAsAsync(string path, string name, CancellationToken cancellationToken = default)
    {
        var normalized = ImageReference.Normalize(name);
        var staging = NewStaging("import");
        try
        {
            var contents = await OpenArchiveAsync(path, staging, cancellationToken).ConfigureAwait(false);
            return (await ImportAsync(contents, staging, normalized, cancellationToken).ConfigureAwait(false))[0];
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    private async Task<ArchiveContents> OpenArchiveAsync(string path, string staging, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return ArchiveContents.FromDirectory(path);
        }

        if (!File.Exists(path))
        {
            throw new InvalidArgumentException($"image archive {path} does not exist");
        }

        await using var archive = File.OpenRead(path);
        return await ArchiveSpool.SpoolAsync(archive, Path.Combine(staging, "archive"), _options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>With <paramref name="onlyName"/> the archive must hold one image, which gets that name and none of the archive's.</summary>
    private async Task<IReadOnlyList<ImageLoadResult>> ImportAsync(ArchiveContents contents, string staging, string? onlyName, CancellationToken cancellationToken)
    {
        var pending = new ImportReader(contents, _options).Read();
        if (onlyName is not null && pending.Count != 1)
        {
            throw new ImageFormatException($"archive holds {pending.Count} images; exactly one is expected");
        }

        var tags = pending.ToDictionary(p => p.ConfigHex,
            p => onlyName is null ? p.Tags.Select(NormalizeArchiveTag).Distinct().ToList() : [onlyName]);

        HashSet<string> stored;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            stored = [.. _index.LayerSizes.Keys.Where(h => Directory.Exists(LayerDiffDirectory(h)))];
        }
        finally
        {
            _lock.Release();
        }

        var budget = new ImportBudget(_options.ImportMaxBytes, "the uncompressed layers");
        var staged = new Dictionary<string, (string Directory, long Size)>(StringComparer.Ordinal);
        foreach (var layer in pending.SelectMany(p => p.Layers))
        {
            if (stored.Contains(layer.DiffIdHex) || staged.ContainsKey(layer.DiffIdHex))
            {
                continue;
            }

            var directory = Path.Combine(staging, "layers", layer.DiffIdHex);
            Directory.CreateDirectory(Path.Combine(directory, "diff"));
            var size = await Task.Run(() => ExtractLayer(layer, Path.Combine(directory, "diff"), budget, cancellationToken), cancellationToken).ConfigureAwait(false);
            staged[layer.DiffIdHex] = (directory, size);
        }

        if (staged.Count > 0)
        {
            AtomicFile.SyncFileSystem(staging);
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Commit(pending, tags, staged);
        }
        finally
        {
            _lock.Release();
        }

        var results = pending.Select(p => new ImageLoadResult(Digests.Prefix + p.ConfigHex, tags[p.ConfigHex])).ToList();
        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            foreach (var result in results)
            {
                var names = result.RepoTags.Count == 0 ? "<none>" : string.Join(", ", result.RepoTags);
                LogLoaded(_logger, result.Id, names);
            }
        }

        return results;
    }

    private long ExtractLayer(PendingLayer layer, string diffDirectory, ImportBudget budget, CancellationToken cancellationToken)
    {
        var name = $"sha256:{layer.DiffIdHex[..12]}";
        try
        {
            using var tar = new HashingReadStream(Decompression.Open(File.OpenRead(layer.BlobPath), layer.MediaType), budget);
            var size = LayerExtractor.Extract(tar, diffDirectory, name, _options.ImportMaxEntries, cancellationToken);
            tar.DrainToEnd();
            var actual = tar.FinishHex();
            return actual == layer.DiffIdHex
                ? size
                : throw new ImageFormatException($"layer {name}: diff_id mismatch: the config says sha256:{layer.DiffIdHex}, the uncompressed content is sha256:{actual}");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ZstdSharp.ZstdException)
        {
            throw new ImageFormatException($"layer {name}: cannot decompress (truncated or corrupt): {e.Message}", e);
        }
    }

    /// <summary>Renames staged layers and blobs into place, then names them in the index; undoes the renames if anything fails.</summary>
    private void Commit(List<PendingImage> pending, Dictionary<string, List<string>> tags, Dictionary<string, (string Directory, long Size)> staged)
    {
        var next = Clone(_index);
        var created = new List<string>();
        try
        {
            foreach (var (hex, (directory, size)) in staged)
            {
                if (!Directory.Exists(LayerDirectory(hex)))
                {
                    Directory.Move(directory, LayerDirectory(hex));
                    created.Add(LayerDirectory(hex));
                }

                next.LayerSizes.TryAdd(hex, size);
            }

            foreach (var layer in pending.SelectMany(p => p.Layers))
            {
                if (!next.LayerSizes.ContainsKey(layer.DiffIdHex) || !Directory.Exists(LayerDiffDirectory(layer.DiffIdHex)))
                {
                    throw new ConflictException($"layer sha256:{layer.DiffIdHex} was removed while the image was imported; load it again");
                }
            }

            foreach (var image in pending)
            {
                WriteBlob(image.ConfigHex, image.ConfigBytes, created);
                if (image.ManifestHex is not null)
                {
                    WriteBlob(image.ManifestHex, image.ManifestBytes!, created);
                }

                var record = next.Images.FirstOrDefault(i => i.Id == image.ConfigHex);
                if (record is null)
                {
                    record = new StoredImage { Id = image.ConfigHex, Layers = [.. image.Layers.Select(l => l.DiffIdHex)], Loaded = DateTimeOffset.UtcNow };
                    next.Images.Add(record);
                }

                if (record.Manifest is null && image.ManifestHex is not null)
                {
                    record.Manifest = image.ManifestHex;
                    record.Annotations = new Dictionary<string, string>(image.Annotations);
                }

                foreach (var tag in tags[image.ConfigHex])
                {
                    MoveTag(next, record, tag);
                }
            }

            AtomicFile.SyncDirectory(LayersDirectory);
            Save(next);
        }
        catch
        {
            foreach (var path in created)
            {
                DeleteQuietly(path);
            }

            throw;
        }

        foreach (var hex in staged.Keys)
        {
            LayerLinks.Ensure(_root, LayerDiffDirectory(hex));
        }
    }

    private void WriteBlob(string hex, byte[] content, List<string> created)
    {
        var path = BlobPath(hex);
        if (!File.Exists(path))
        {
            AtomicFile.Write(path, content);
            created.Add(path);
        }
    }

    private static string NormalizeArchiveTag(string tag)
    {
        var error = ImageReference.TryNormalize(tag, out var normalized);
        return error is null ? normalized : throw new ImageFormatException($"archive names the image '{tag}': {error}");
    }
}
