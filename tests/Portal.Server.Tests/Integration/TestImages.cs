using Portal.Engine.Images;

namespace Portal.Server.Tests.Integration;

/// <summary>
/// Real image archives made by Portal's own writer from busybox-static. The test image has three
/// layers: busybox; a layer adding /etc/doomed and /data/{a,b}; a layer whiting out /etc/doomed,
/// making /data opaque with only c, and adding the app's working directory and environment.
/// </summary>
internal static class TestImages
{
    public const string Tag = "localhost/portal-test/busybox:1";
    public const string Greeting = "hello from the image";

    public static ImageBuild Build() => BusyboxImage.Create(
        Tag,
        new ImageConfig
        {
            Cmd = ["sh"],
            Env = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "GREETING=" + Greeting],
            WorkingDir = "/srv/app",
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "portal test" },
        },
        [
            LayerSource.FromEntries(
                LayerEntry.File("etc/doomed", "to be deleted by the next layer\n"),
                LayerEntry.Directory("data"),
                LayerEntry.File("data/a", "a\n"),
                LayerEntry.File("data/b", "b\n")),
            LayerSource.FromEntries(
                LayerEntry.Whiteout("etc/doomed"),
                LayerEntry.Directory("data"),
                LayerEntry.Opaque("data"),
                LayerEntry.File("data/c", "c\n"),
                LayerEntry.Directory("srv"),
                LayerEntry.Directory("srv/app"),
                LayerEntry.File("srv/app/index.html", "<h1>portal</h1>\n")),
        ]);

    public static string WriteOciArchive(string directory)
    {
        var path = Path.Combine(directory, "image-oci.tar");
        using var file = File.Create(path);
        OciImageWriter.WriteOciArchive(Build(), file);
        return path;
    }

    public static string WriteDockerArchive(string directory, string? tag = null)
    {
        var path = Path.Combine(directory, "image-docker.tar");
        using var file = File.Create(path);
        OciImageWriter.WriteDockerArchive(tag is null ? Build() : Build() with { Tags = [tag] }, file);
        return path;
    }
}
