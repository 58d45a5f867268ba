using System.Formats.Tar;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Images;

public enum ArchiveFormat
{
    OciArchive,
    DockerArchive,
    DockerOciArchive,
}

/// <summary>Small images built with the engine's own writer.</summary>
public static class TestImages
{
    public static ImageBuild Simple(string tag, string content = "hello", LayerCompression compression = LayerCompression.Gzip) => new()
    {
        Layers =
        [
            LayerSource.FromEntries(LayerEntry.Directory("etc"), LayerEntry.File("etc/base", "base layer")),
            LayerSource.FromEntries(LayerEntry.Directory("app"), LayerEntry.File("app/content", content, (UnixFileMode)0x1ED)),
        ],
        Config = new ImageConfig
        {
            Entrypoint = ["/bin/sh", "-c"],
            Cmd = ["echo hi"],
            Env = ["PATH=/usr/bin:/bin", "MODE=test"],
            WorkingDir = "/app",
            User = "1000:1000",
            ExposedPorts = ["8080/tcp"],
            Labels = new Dictionary<string, string> { ["org.example.kind"] = "demo" },
        },
        Annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "Demo", ["org.opencontainers.image.version"] = "1.2" },
        Tags = [tag],
        Compression = compression,
    };

    /// <summary>An image of one layer made of <paramref name="entries"/>.</summary>
    public static ImageBuild OfEntries(string tag, params LayerEntry[] entries) => new()
    {
        Layers = [LayerSource.FromEntries(entries)],
        Tags = [tag],
    };

    public static byte[] Archive(ImageBuild image, ArchiveFormat format = ArchiveFormat.OciArchive)
    {
        using var output = new MemoryStream();
        switch (format)
        {
            case ArchiveFormat.DockerArchive:
                OciImageWriter.WriteDockerArchive(image, output);
                break;
            case ArchiveFormat.DockerOciArchive:
                OciImageWriter.WriteDockerOciArchive(image, output);
                break;
            default:
                OciImageWriter.WriteOciArchive(image, output);
                break;
        }

        return output.ToArray();
    }

    /// <summary>Unpacks an archive into <paramref name="directory"/> so a test can tamper with it.</summary>
    public static void Unpack(byte[] archive, string directory)
    {
        Directory.CreateDirectory(directory);
        TarFile.ExtractToDirectory(new MemoryStream(archive), directory, overwriteFiles: true);
    }

    public static byte[] Pack(string directory)
    {
        using var output = new MemoryStream();
        TarFile.CreateFromDirectory(directory, output, includeBaseDirectory: false);
        return output.ToArray();
    }
}
