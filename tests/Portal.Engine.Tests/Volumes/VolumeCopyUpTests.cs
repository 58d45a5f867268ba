using Portal.Engine.Tests.TestSupport;
using Portal.Engine.Volumes;

namespace Portal.Engine.Tests.Volumes;

[Trait("Category", Root.Category)]
public sealed class VolumeCopyUpTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_empty_volume_receives_files_dirs_modes_owners_and_symlinks()
    {
        Root.Require();
        var source = temp.Combine("image", "data");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        File.WriteAllText(Path.Combine(source, "seed"), "seeded\n");
        File.WriteAllText(Path.Combine(source, "sub", "deep"), "deep\n");
        File.CreateSymbolicLink(Path.Combine(source, "link"), "/etc/passwd");
        File.SetUnixFileMode(Path.Combine(source, "seed"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(source, (UnixFileMode)0x1E8);
        Chown(source, 1000, 1000);
        Chown(Path.Combine(source, "seed"), 1000, 1001);
        Chown(Path.Combine(source, "sub", "deep"), 1002, 1002);
        var volume = temp.Combine("volume", "_data");
        Directory.CreateDirectory(volume);

        Assert.True(VolumeCopyUp.CopyIfEmpty(source, volume));

        Assert.Equal("seeded\n", File.ReadAllText(Path.Combine(volume, "seed")));
        Assert.Equal("deep\n", File.ReadAllText(Path.Combine(volume, "sub", "deep")));
        Assert.Equal("/etc/passwd", new FileInfo(Path.Combine(volume, "link")).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(volume, "seed")));
        Assert.Equal((UnixFileMode)0x1E8, File.GetUnixFileMode(volume));
        Assert.Equal("1000:1000", Owner(volume));
        Assert.Equal("1000:1001", Owner(Path.Combine(volume, "seed")));
        Assert.Equal("1002:1002", Owner(Path.Combine(volume, "sub", "deep")));
    }

    [Fact]
    public void A_volume_with_content_or_a_missing_source_is_left_alone()
    {
        Root.Require();
        var source = temp.Combine("src");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "image-file"), "x");
        var volume = temp.Combine("vol");
        Directory.CreateDirectory(volume);
        File.WriteAllText(Path.Combine(volume, "user-data"), "mine");

        Assert.False(VolumeCopyUp.CopyIfEmpty(source, volume));
        Assert.False(File.Exists(Path.Combine(volume, "image-file")));
        Assert.False(VolumeCopyUp.CopyIfEmpty(temp.Combine("absent"), temp.Combine("vol")));
    }

    private static void Chown(string path, int uid, int gid) => Run("chown", "-h", $"{uid}:{gid}", path);

    private static string Owner(string path) => Run("stat", "-c", "%u:%g", path).Trim();

    private static string Run(string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
