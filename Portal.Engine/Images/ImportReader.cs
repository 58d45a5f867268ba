using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Portal.Engine.Errors;

namespace Portal.Engine.Images;

/// <summary>
/// Interprets archive contents as a docker-archive (manifest.json), an OCI layout (oci-layout + index.json)
/// or Docker ≥25's OCI layout with manifest.json, verifying every blob's size and digest and every JSON
/// document's size cap. Layer content (diff_ids) is verified later, while extracting.
/// </summary>
internal sealed class ImportReader(ArchiveContents contents, EngineOptions options)
{
    private const int MaxIndexDepth = 4;
    private static readonly ImageJsonContext Json = ImageJsonContext.Default;

    public List<PendingImage> Read()
    {
        var images = contents.Contains("index.json") ? ReadOciLayout()
            : contents.Contains("manifest.json") ? ReadDockerArchive()
            : throw new ImageFormatException("archive is neither a docker-archive (no manifest.json) nor an OCI layout (no index.json)");
        if (images.Count == 0)
        {
            throw new ImageFormatException("archive holds no image");
        }

        return [.. images.GroupBy(i => i.ConfigHex).Select(g => g.First() with { Tags = [.. g.SelectMany(i => i.Tags).Distinct()] })];
    }

    private List<PendingImage> ReadOciLayout()
    {
        if (!contents.Contains("oci-layout"))
        {
            throw new ImageFormatException("OCI layout: index.json without an oci-layout file");
        }

        var layout = ReadJson("oci-layout", Json.OciLayoutFile);
        if (!layout.ImageLayoutVersion.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new ImageFormatException($"oci-layout: unsupported imageLayoutVersion '{layout.ImageLayoutVersion}'");
        }

        var index = ReadJson("index.json", Json.OciIndex);
        var dockerTags = contents.Contains("manifest.json") ? DockerTagsByConfig() : null;
        var images = new List<PendingImage>();
        foreach (var descriptor in index.Manifests)
        {
            Collect(descriptor, descriptor.Annotations, dockerTags, images, 0);
        }

        return images;
    }

    private void Collect(OciDescriptor descriptor, Dictionary<string, string>? nameAnnotations,
        Dictionary<string, List<string>>? dockerTags, List<PendingImage> images, int depth)
    {
        switch (descriptor.MediaType)
        {
            case OciMediaTypes.Index or OciMediaTypes.DockerManifestList:
                if (depth >= MaxIndexDepth)
                {
                    throw new ImageFormatException($"image index {descriptor.Digest}: nested more than {MaxIndexDepth} levels deep");
                }

                var nested = ParseJson(ReadBlob(descriptor, "image index", json: true).Bytes!, $"image index {descriptor.Digest}", Json.OciIndex);
                var chosen = PickPlatform(nested.Manifests, descriptor.Digest);
                Collect(chosen, nameAnnotations ?? chosen.Annotations, dockerTags, images, depth + 1);
                break;
            case null or OciMediaTypes.Manifest or OciMediaTypes.DockerManifest:
                images.Add(ReadManifest(descriptor, nameAnnotations, dockerTags));
                break;
            default:
                throw new ImageFormatException($"index.json: manifest {descriptor.Digest} has the unsupported media type '{descriptor.MediaType}'");
        }
    }

    private PendingImage ReadManifest(OciDescriptor descriptor, Dictionary<string, string>? nameAnnotations, Dictionary<string, List<string>>? dockerTags)
    {
        var (manifestHex, manifestBytes, _) = ReadBlob(descriptor, "manifest", json: true);
        var what = $"manifest sha256:{manifestHex[..12]}";
        var manifest = ParseJson(manifestBytes!, what, Json.OciManifest);
        if (manifest.Config is null)
        {
            throw new ImageFormatException($"{what}: no config descriptor");
        }

        var (configHex, configBytes, _) = ReadBlob(manifest.Config, $"{what}: config", json: true);
        var config = ParseJson(configBytes!, $"config sha256:{configHex[..12]}", Json.OciImageConfigFile);
        var diffIds = DiffIds(config, configHex, manifest.Layers.Count);
        var layers = manifest.Layers.Select((layer, i) =>
        {
            if (layer.MediaType?.Contains("foreign", StringComparison.Ordinal) == true || layer.MediaType?.Contains("nondistributable", StringComparison.Ordinal) == true)
            {
                throw new ImageFormatException($"{what}: layer {i} is a foreign layer ({layer.MediaType}), which needs a registry");
            }

            return new PendingLayer(ReadBlob(layer, $"{what}: layer {i}", json: false).Path, layer.MediaType, diffIds[i]);
        }).ToList();

        List<string> tags = [];
        if (dockerTags is not null && dockerTags.TryGetValue(configHex, out var fromManifestJson))
        {
            tags = fromManifestJson;
        }
        else if (nameAnnotations is not null
            && (nameAnnotations.GetValueOrDefault(OciMediaTypes.ContainerdNameAnnotation) ?? nameAnnotations.GetValueOrDefault(OciMediaTypes.RefNameAnnotation)) is { Length: > 0 } name)
        {
            tags = [name];
        }

        return new PendingImage(configHex, configBytes!, config, layers, tags,
            manifest.Annotations ?? [], manifestHex, manifestBytes);
    }

    private List<PendingImage> ReadDockerArchive()
    {
        var entries = ReadJson("manifest.json", Json.ListDockerManifestEntry);
        return [.. entries.Select(ReadDockerEntry)];
    }

    private PendingImage ReadDockerEntry(DockerManifestEntry entry, int index)
    {
        var what = $"manifest.json entry {index}";
        var configPath = contents.Resolve(entry.Config, $"{what}: config");
        var configBytes = ReadCapped(configPath, entry.Config);
        var configHex = Digests.Sha256Hex(configBytes);
        var stem = Path.GetFileName(entry.Config);
        stem = stem.EndsWith(".json", StringComparison.Ordinal) ? stem[..^5] : stem;
        if (Digests.IsHex64(stem) && stem != configHex)
        {
            throw new ImageFormatException($"{entry.Config}: digest mismatch: named sha256:{stem}, content is sha256:{configHex}");
        }

        var config = ParseJson(configBytes, entry.Config, Json.OciImageConfigFile);
        var diffIds = DiffIds(config, configHex, entry.Layers.Count);
        var layers = entry.Layers.Select((name, i) => new PendingLayer(contents.Resolve(name, $"{what}: layer {i}"), null, diffIds[i])).ToList();
        return new PendingImage(configHex, configBytes, config, layers, entry.RepoTags ?? [], new Dictionary<string, string>(), null, null);
    }

    private Dictionary<string, List<string>> DockerTagsByConfig()
    {
        var tags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in ReadJson("manifest.json", Json.ListDockerManifestEntry))
        {
            var name = Path.GetFileName(entry.Config);
            name = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name;
            if (Digests.IsHex64(name))
            {
                tags[name] = [.. tags.GetValueOrDefault(name) ?? [], .. entry.RepoTags ?? []];
            }
        }

        return tags;
    }

    private static List<string> DiffIds(OciImageConfigFile config, string configHex, int layerCount)
    {
        var what = $"config sha256:{configHex[..12]}";
        var diffIds = config.RootFs?.DiffIds ?? throw new ImageFormatException($"{what}: no rootfs.diff_ids");
        if (diffIds.Count != layerCount)
        {
            throw new ImageFormatException($"{what}: rootfs lists {diffIds.Count} diff_ids but the manifest has {layerCount} layers");
        }

        return [.. diffIds.Select((d, i) => Digests.ParseSha256(d, $"{what}: diff_id {i}"))];
    }

    private static OciDescriptor PickPlatform(List<OciDescriptor> manifests, string indexDigest)
    {
        var arch = Platforms.HostArchitecture;
        return manifests.FirstOrDefault(m => m.Platform is null || (m.Platform.Os is null or "linux" && m.Platform.Architecture == arch))
            ?? throw new ImageFormatException($"image index {indexDigest}: no manifest for linux/{arch}");
    }

    /// <summary>Finds blobs/sha256/&lt;hex&gt; and checks its size and digest against the descriptor (and the JSON cap).</summary>
    private (string Hex, byte[]? Bytes, string Path) ReadBlob(OciDescriptor descriptor, string what, bool json)
    {
        var hex = Digests.ParseSha256(descriptor.Digest, what);
        var path = contents.Resolve($"blobs/sha256/{hex}", $"{what} sha256:{hex[..12]}");
        var size = new FileInfo(path).Length;
        if (size != descriptor.Size)
        {
            throw new ImageFormatException($"{what} sha256:{hex[..12]}: size mismatch: the descriptor says {descriptor.Size} bytes, the blob has {size}");
        }

        var bytes = json ? ReadCapped(path, $"{what} sha256:{hex[..12]}") : null;
        var actual = bytes is null ? contents.Sha256Hex(path) : Digests.Sha256Hex(bytes);
        if (actual != hex)
        {
            throw new ImageFormatException($"{what}: digest mismatch: the descriptor says sha256:{hex}, the content is sha256:{actual}");
        }

        return (hex, bytes, path);
    }

    private T ReadJson<T>(string name, JsonTypeInfo<T> type) => ParseJson(ReadCapped(contents.Resolve(name, name), name), name, type);

    private byte[] ReadCapped(string path, string what)
    {
        var length = new FileInfo(path).Length;
        if (length > options.ImportMaxJsonBytes)
        {
            throw new ImageFormatException($"{what}: {length} bytes is over the {options.ImportMaxJsonBytes}-byte cap for JSON documents (ImportMaxJsonBytes)");
        }

        return File.ReadAllBytes(path);
    }

    private static T ParseJson<T>(byte[] bytes, string what, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new ImageFormatException($"{what}: empty JSON document");
        }
        catch (JsonException e)
        {
            throw new ImageFormatException($"{what}: invalid JSON: {e.Message}", e);
        }
    }
}
