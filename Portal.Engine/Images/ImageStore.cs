using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portal.Engine.Errors;
using Portal.Engine.Snapshots;

namespace Portal.Engine.Images;

/// <summary>
/// The engine's image store under <see cref="EngineOptions.RootDirectory"/>:
/// blobs/sha256/&lt;hex&gt; (configs and manifests), layers/&lt;diff_id hex&gt;/diff (each layer once, shared),
/// l/&lt;short name&gt; (links for overlay lowerdir), images.json (the index, rewritten atomically) and tmp/
/// (staging, swept on start). Every import is staged in tmp/ and renamed into place before the index
/// names it, so a crash leaves either nothing or a complete object; orphans are swept on start.
/// </summary>
public sealed partial class ImageStore : IImageStore, IImageArchiveLoader, IDisposable
{
    private static readonly ImageJsonContext Json = ImageJsonContext.Default;

    private readonly EngineOptions _options;
    private readonly ILogger<ImageStore> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, OciImageConfigFile> _configs = new(StringComparer.Ordinal);
    private readonly string _root;
    private StoreIndex _index;
    private Func<string, bool> _isInUse = _ => false;

    public ImageStore(EngineOptions options, ILogger<ImageStore> logger)
    {
        _options = options;
        _logger = logger;
        _root = Path.GetFullPath(options.RootDirectory);
        Directory.CreateDirectory(_root);
        foreach (var dir in new[] { BlobsDirectory, LayersDirectory, TempDirectory, LayerLinks.Folder(_root) })
        {
            // 0700: layers hold setuid binaries and device nodes an unprivileged host user must not reach (CVE-2021-41091).
            Directory.CreateDirectory(dir);
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        _index = File.Exists(IndexPath) ? ReadIndex() : new StoreIndex();
        Sweep();
    }

    private string BlobsDirectory => Path.Combine(_root, "blobs", "sha256");
    private string LayersDirectory => Path.Combine(_root, "layers");
    private string TempDirectory => Path.Combine(_root, "tmp");
    private string IndexPath => Path.Combine(_root, "images.json");

    public void Dispose() => _lock.Dispose();

    public void SetUsageCheck(Func<string, bool> isImageInUse) => _isInUse = isImageInUse;

    public IReadOnlyList<string> GetLayerDirectories(string imageId)
    {
        _lock.Wait();
        try
        {
            var image = Resolve(imageId).Image;
            return [.. image.Layers.Select(LayerDiffDirectory)];
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<IReadOnlyList<ImageDetails>> ListAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _index.Images.Select(Details).OrderByDescending(d => d.Created).ThenBy(d => d.Id, StringComparer.Ordinal)];
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<ImageDetails> InspectAsync(string reference, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Details(Resolve(reference).Image);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task TagAsync(string reference, string repository, string tag, CancellationToken cancellationToken = default)
    {
        var name = ImageReference.Normalize(repository, tag);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = Resolve(reference).Image.Id;
            var next = Clone(_index);
            MoveTag(next, next.Images.First(i => i.Id == id), name);
            Save(next);
        }
        finally
        {
            _lock.Release();
        }
    }

    internal string LayerDirectory(string diffHex) => Path.Combine(LayersDirectory, diffHex);

    internal string LayerDiffDirectory(string diffHex) => Path.Combine(LayersDirectory, diffHex, "diff");

    private string BlobPath(string hex) => Path.Combine(BlobsDirectory, hex);

    /// <summary>By name first ("x" = "x:latest"), then full id, "sha256:" id, or a unique id prefix — Docker's order.</summary>
    private (StoredImage Image, string? Name) Resolve(string reference)
    {
        var text = reference.Trim();
        if (ImageReference.TryNormalize(text, out var name) is null
            && _index.Images.FirstOrDefault(i => i.RepoTags.Contains(name)) is { } tagged)
        {
            return (tagged, name);
        }

        var hex = text.StartsWith(Digests.Prefix, StringComparison.Ordinal) ? text[Digests.Prefix.Length..] : text;
        if (hex.Length == 0 || !hex.All(char.IsAsciiHexDigitLower))
        {
            throw NotFoundException.Image(reference);
        }

        var matches = _index.Images.Where(i => i.Id.StartsWith(hex, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => throw NotFoundException.Image(reference),
            _ => throw new InvalidArgumentException($"short image id '{reference}' is ambiguous: it matches several images; give more characters"),
        };
    }

    private ImageDetails Details(StoredImage image) =>
        Describe(image.Id, Config(image.Id), image.RepoTags, image.Layers, image.Layers.Sum(l => _index.LayerSizes.GetValueOrDefault(l)), image.Annotations);

    private static ImageDetails Describe(string id, OciImageConfigFile config, IEnumerable<string> tags, IEnumerable<string> layers,
        long size, IReadOnlyDictionary<string, string> annotations)
    {
        var c = config.Config ?? new OciContainerConfig();
        return new ImageDetails
        {
            Id = Digests.Prefix + id,
            RepoTags = [.. tags],
            Created = DateTimeOffset.TryParse(config.Created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
            Size = size,
            Architecture = config.Architecture ?? "amd64",
            Os = config.Os ?? "linux",
            Author = config.Author,
            Config = new ImageConfig
            {
                Entrypoint = c.Entrypoint,
                Cmd = c.Cmd,
                Env = c.Env ?? [],
                WorkingDir = c.WorkingDir ?? "",
                User = c.User ?? "",
                ExposedPorts = [.. (c.ExposedPorts ?? []).Keys],
                Volumes = [.. (c.Volumes ?? []).Keys],
                Labels = (c.Labels ?? []).Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!),
                StopSignal = c.StopSignal,
            },
            DiffIds = [.. layers.Select(l => Digests.Prefix + l)],
            Annotations = new Dictionary<string, string>(annotations),
        };
    }

    private OciImageConfigFile Config(string id)
    {
        if (!_configs.TryGetValue(id, out var config))
        {
            config = JsonSerializer.Deserialize(File.ReadAllBytes(BlobPath(id)), Json.OciImageConfigFile) ?? new OciImageConfigFile();
            _configs[id] = config;
        }

        return config;
    }

    /// <summary>Gives <paramref name="name"/> to <paramref name="image"/>, taking it from any image that had it (which then may be left &lt;none&gt;).</summary>
    private static void MoveTag(StoreIndex index, StoredImage image, string name)
    {
        foreach (var other in index.Images)
        {
            other.RepoTags.Remove(name);
        }

        image.RepoTags.Add(name);
    }

    private StoreIndex ReadIndex()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(IndexPath), Json.StoreIndex) ?? new StoreIndex();
        }
        catch (JsonException e)
        {
            throw new EngineException($"image index {IndexPath} is corrupt: {e.Message}", e);
        }
    }

    private static StoreIndex Clone(StoreIndex index) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(index, Json.StoreIndex), Json.StoreIndex)!;

    private void Save(StoreIndex next)
    {
        AtomicFile.Write(IndexPath, JsonSerializer.SerializeToUtf8Bytes(next, Json.StoreIndex));
        _index = next;
    }

    private string NewStaging(string purpose)
    {
        var path = Path.Combine(TempDirectory, purpose + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes staging leftovers and whatever a crash left unnamed by the index (layers, blobs, links).</summary>
    private void Sweep()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(TempDirectory))
        {
            DeleteQuietly(entry);
        }

        var layers = _index.Images.SelectMany(i => i.Layers).ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(LayersDirectory))
        {
            if (!layers.Contains(Path.GetFileName(dir)))
            {
                LayerLinks.Remove(_root, Path.Combine(dir, "diff"));
                DeleteQuietly(dir);
            }
        }

        var blobs = _index.Images.Select(i => i.Id).Concat(_index.Images.Select(i => i.Manifest).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFileSystemEntries(BlobsDirectory))
        {
            if (!blobs.Contains(Path.GetFileName(file)))
            {
                DeleteQuietly(file);
            }
        }

        foreach (var link in Directory.EnumerateFileSystemEntries(LayerLinks.Folder(_root)))
        {
            var info = new FileInfo(link);
            if (info.LinkTarget is null || !Directory.Exists(Path.Combine(LayerLinks.Folder(_root), info.LinkTarget)))
            {
                DeleteQuietly(link);
            }
        }

        foreach (var hex in layers.Where(h => Directory.Exists(LayerDiffDirectory(h))))
        {
            LayerLinks.Ensure(_root, LayerDiffDirectory(hex));
        }
    }

    private void DeleteQuietly(string path)
    {
        try
        {
            if (new FileInfo(path) is { Exists: false, LinkTarget: null } && Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(_logger, path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded image {Id} as {Tags}")]
    private static partial void LogLoaded(ILogger logger, string id, string tags);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted image {Id}")]
    private static partial void LogDeleted(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {Path}: {Error}")]
    private static partial void LogDeleteFailed(ILogger logger, string path, string error);
}
