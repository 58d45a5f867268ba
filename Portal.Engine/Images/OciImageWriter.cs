using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Portal.Engine.Images;

/// <summary>
/// Writes an image as an oci-archive, an OCI layout directory, a docker-archive in podman's exact layout,
/// or Docker ≥25's OCI layout plus manifest.json. Output is reproducible: fixed times, sorted names.
/// </summary>
public static class OciImageWriter
{
    private static readonly ImageJsonContext Json = ImageJsonContext.Default;

    public static void WriteOciArchive(ImageBuild image, Stream output) => WriteTar(OciFiles(image, Build(image), docker: false), [], image.Created, output);

    public static void WriteOciLayout(ImageBuild image, string directory)
    {
        foreach (var (name, content) in OciFiles(image, Build(image), docker: false))
        {
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }
    }

    /// <summary>podman save --format docker-archive: manifest.json, repositories, &lt;config&gt;.json,
    /// &lt;diffid&gt;.tar and legacy &lt;v1id&gt;/{VERSION,json,layer.tar → ../&lt;diffid&gt;.tar}.</summary>
    public static void WriteDockerArchive(ImageBuild image, Stream output)
    {
        var built = Build(image);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var links = new SortedDictionary<string, string>(StringComparer.Ordinal);
        files[built.ConfigHex + ".json"] = built.Config;
        string? parent = null;
        foreach (var layer in built.Layers)
        {
            var v1 = Digests.Sha256Hex(Encoding.UTF8.GetBytes((parent ?? "") + "\n" + layer.DiffIdHex));
            files[layer.DiffIdHex + ".tar"] = layer.Blob;
            files[v1 + "/VERSION"] = "1.0"u8.ToArray();
            var legacy = new Dictionary<string, string> { ["id"] = v1, ["created"] = Timestamp(image.Created) };
            if (parent is not null)
            {
                legacy["parent"] = parent;
            }

            files[v1 + "/json"] = JsonSerializer.SerializeToUtf8Bytes(legacy, Json.DictionaryStringString);
            links[v1 + "/layer.tar"] = "../" + layer.DiffIdHex + ".tar";
            parent = v1;
        }

        files["manifest.json"] = DockerManifest(image, built.ConfigHex + ".json", built.Layers.Select(l => l.DiffIdHex + ".tar"));
        files["repositories"] = Repositories(image, parent ?? "");
        WriteTar(files, links, image.Created, output);
    }

    /// <summary>docker save (Docker ≥25): an OCI layout whose index names the image the containerd way, plus manifest.json.</summary>
    public static void WriteDockerOciArchive(ImageBuild image, Stream output)
    {
        var built = Build(image);
        var files = OciFiles(image, built, docker: true);
        files["manifest.json"] = DockerManifest(image, "blobs/sha256/" + built.ConfigHex, built.Layers.Select(l => "blobs/sha256/" + l.BlobHex));
        files["repositories"] = Repositories(image, built.Layers.Count == 0 ? "" : built.Layers[^1].DiffIdHex);
        WriteTar(files, [], image.Created, output);
    }

    internal static BuiltImage Build(ImageBuild image)
    {
        var layers = image.Layers.Select(source =>
        {
            var tar = source.BuildTar(image.Created);
            var blob = Compress(tar, image.Compression);
            return new BuiltLayer(Digests.Sha256Hex(tar), blob, Digests.Sha256Hex(blob), Decompression.MediaType(image.Compression));
        }).ToList();
        var config = JsonSerializer.SerializeToUtf8Bytes(ConfigFile(image, layers), Json.OciImageConfigFile);
        var configHex = Digests.Sha256Hex(config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new OciManifest
        {
            MediaType = OciMediaTypes.Manifest,
            Config = new OciDescriptor { MediaType = OciMediaTypes.Config, Digest = Digests.Prefix + configHex, Size = config.Length },
            Layers = [.. layers.Select(l => new OciDescriptor { MediaType = l.MediaType, Digest = Digests.Prefix + l.BlobHex, Size = l.Blob.Length })],
            Annotations = image.Annotations.Count == 0 ? null : image.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value),
        }, Json.OciManifest);
        return new BuiltImage(layers, config, configHex, manifest, Digests.Sha256Hex(manifest));
    }

    private static OciImageConfigFile ConfigFile(ImageBuild image, List<BuiltLayer> layers)
    {
        var c = image.Config;
        return new OciImageConfigFile
        {
            Created = Timestamp(image.Created),
            Author = image.Author,
            Architecture = image.Architecture,
            Os = image.Os,
            Config = new OciContainerConfig
            {
                User = NullIfEmpty(c.User),
                ExposedPorts = c.ExposedPorts.Count == 0 ? null : c.ExposedPorts.Order(StringComparer.Ordinal).ToDictionary(p => p, _ => (EmptyObject?)new EmptyObject()),
                Env = c.Env.Count == 0 ? null : [.. c.Env],
                Entrypoint = c.Entrypoint?.ToList(),
                Cmd = c.Cmd?.ToList(),
                Volumes = c.Volumes.Count == 0 ? null : c.Volumes.Order(StringComparer.Ordinal).ToDictionary(v => v, _ => (EmptyObject?)new EmptyObject()),
                WorkingDir = NullIfEmpty(c.WorkingDir),
                Labels = c.Labels.Count == 0 ? null : c.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => (string?)l.Value),
                StopSignal = c.StopSignal,
            },
            RootFs = new OciRootFs { DiffIds = [.. layers.Select(l => Digests.Prefix + l.DiffIdHex)] },
            History = [.. layers.Select(_ => new OciHistory { Created = Timestamp(image.Created), CreatedBy = "portal image writer" })],
        };
    }

    private static SortedDictionary<string, byte[]> OciFiles(ImageBuild image, BuiltImage built, bool docker)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["oci-layout"] = JsonSerializer.SerializeToUtf8Bytes(new OciLayoutFile(), Json.OciLayoutFile),
            ["blobs/sha256/" + built.ConfigHex] = built.Config,
            ["blobs/sha256/" + built.ManifestHex] = built.Manifest,
        };
        foreach (var layer in built.Layers)
        {
            files["blobs/sha256/" + layer.BlobHex] = layer.Blob;
        }

        var names = image.Tags.Count == 0 ? [null] : image.Tags.Select(t => (string?)t);
        var index = new OciIndex
        {
            MediaType = OciMediaTypes.Index,
            Manifests = [.. names.Select(name => new OciDescriptor
            {
                MediaType = OciMediaTypes.Manifest,
                Digest = Digests.Prefix + built.ManifestHex,
                Size = built.Manifest.Length,
                Annotations = name is null ? null
                    // Docker ≥25 puts the full name in io.containerd.image.name and only the tag in ref.name.
                    : docker ? new() { [OciMediaTypes.ContainerdNameAnnotation] = name, [OciMediaTypes.RefNameAnnotation] = name[(name.LastIndexOf(':') + 1)..] }
                    : new() { [OciMediaTypes.RefNameAnnotation] = name },
            })],
        };
        files["index.json"] = JsonSerializer.SerializeToUtf8Bytes(index, Json.OciIndex);
        return files;
    }

    private static byte[] DockerManifest(ImageBuild image, string config, IEnumerable<string> layers) =>
        JsonSerializer.SerializeToUtf8Bytes(
            [new DockerManifestEntry { Config = config, RepoTags = image.Tags.Count == 0 ? null : [.. image.Tags], Layers = [.. layers] }],
            Json.ListDockerManifestEntry);

    private static byte[] Repositories(ImageBuild image, string topId)
    {
        var repositories = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var tag in image.Tags)
        {
            var colon = tag.LastIndexOf(':');
            var (repository, name) = colon > tag.LastIndexOf('/') ? (tag[..colon], tag[(colon + 1)..]) : (tag, ImageReference.DefaultTag);
            repositories.TryAdd(repository, []);
            repositories[repository][name] = topId;
        }

        return JsonSerializer.SerializeToUtf8Bytes(repositories, Json.DictionaryStringDictionaryStringString);
    }

    private static byte[] Compress(byte[] tar, LayerCompression compression)
    {
        if (compression == LayerCompression.None)
        {
            return tar;
        }

        using var output = new MemoryStream();
        using (Stream compressor = compression == LayerCompression.Gzip
                   ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)
                   : new ZstdSharp.CompressionStream(output, leaveOpen: true))
        {
            compressor.Write(tar);
        }

        return output.ToArray();
    }

    private static void WriteTar(SortedDictionary<string, byte[]> files, SortedDictionary<string, string> links, DateTimeOffset time, Stream output)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in files.Keys.Concat(links.Keys).Order(StringComparer.Ordinal))
        {
            for (var slash = name.IndexOf('/'); slash > 0; slash = name.IndexOf('/', slash + 1))
            {
                if (written.Add(name[..slash]))
                {
                    writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name[..(slash + 1)]) { ModificationTime = time, Mode = (UnixFileMode)0x1ED });
                }
            }

            var entry = links.TryGetValue(name, out var target)
                ? new UstarTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0x1FF }
                : new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(files[name], writable: false), Mode = (UnixFileMode)0x1A4 };
            entry.ModificationTime = time;
            writer.WriteEntry(entry);
        }
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
