using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Images;
using Portal.Engine.Snapshots;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Snapshots;

[SupportedOSPlatform("linux")]
public sealed class OverlaySnapshotterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void OneLayer_GivesOneOverlayMountWithShortRelativeLowerdir()
    {
        using var temp = new TempDirectory();
        var options = new EngineOptions { RootDirectory = temp.Combine("engine") };
        var layer = MakeLayer(options, "a");
        var container = temp.Combine("engine", "containers", "c1");

        var mount = Assert.Single(new OverlaySnapshotter(options).Prepare(container, [layer]));

        Assert.Equal(("overlay", "overlay", "/"), (mount.Type, mount.Source, mount.Target));
        Assert.Equal(temp.Combine("engine", "l"), mount.WorkingDirectory);
        Assert.Equal(3, mount.Options.Count);
        var lower = mount.Options[0]["lowerdir=".Length..];
        Assert.Matches("^[a-z2-7]{10}$", lower);
        Assert.Equal(Path.Combine(container, "upper"), mount.Options[1]["upperdir=".Length..]);
        Assert.Equal(Path.Combine(container, "work"), mount.Options[2]["workdir=".Length..]);
        Assert.True(Directory.Exists(Path.Combine(container, "upper")));
        Assert.True(Directory.Exists(Path.Combine(container, "work")));
        Assert.Equal(Path.GetFullPath(layer), new DirectoryInfo(Path.Combine(mount.WorkingDirectory!, lower)).ResolveLinkTarget(true)!.FullName);
    }

    [Fact]
    public void HundredFiftyLayers_FitInOnePage_TopLayerFirst()
    {
        using var temp = new TempDirectory();
        var options = new EngineOptions { RootDirectory = temp.Combine("engine") };
        var layers = Enumerable.Range(0, 150).Select(i => MakeLayer(options, new string('0', 60) + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var mount = Assert.Single(new OverlaySnapshotter(options).Prepare(temp.Combine("engine", "containers", new string('c', 64)), layers));

        var data = string.Join(',', mount.Options);
        Assert.True(data.Length < 4096, $"mount data is {data.Length} bytes");
        var lowers = mount.Options[0]["lowerdir=".Length..].Split(':');
        Assert.Equal(150, lowers.Distinct().Count());
        Assert.Equal(LayerLinks.Name(layers[^1]), lowers[0]);
        Assert.Equal(LayerLinks.Name(layers[0]), lowers[^1]);
    }

    [Fact]
    public void NoLayers_IsRefused()
    {
        using var temp = new TempDirectory();
        Assert.Throws<Errors.InvalidArgumentException>(() =>
            new OverlaySnapshotter(new EngineOptions { RootDirectory = temp.Path }).Prepare(temp.Combine("c"), []));
    }

    [Fact]
    public void WritableSize_CountsBytesInUpper()
    {
        using var temp = new TempDirectory();
        var options = new EngineOptions { RootDirectory = temp.Path };
        var snapshotter = new OverlaySnapshotter(options);
        var container = temp.Combine("c");
        Assert.Equal(0, snapshotter.GetWritableSize(container));
        snapshotter.Prepare(container, [MakeLayer(options, "a")]);
        Directory.CreateDirectory(Path.Combine(container, "upper", "var"));
        File.WriteAllBytes(Path.Combine(container, "upper", "var", "data"), new byte[1234]);
        File.WriteAllBytes(Path.Combine(container, "upper", "top"), new byte[66]);
        File.CreateSymbolicLink(Path.Combine(container, "upper", "link"), "/var/data");

        Assert.Equal(1300, snapshotter.GetWritableSize(container));
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Mount_ThreeLayers_HonoursWhiteoutsAndOpaqueDirs_WritesLandInUpper()
    {
        Root.Require();
        using var temp = new TempDirectory();
        var options = new EngineOptions { RootDirectory = temp.Combine("engine") };
        using var store = new ImageStore(options, NullLogger<ImageStore>.Instance);
        var image = new ImageBuild
        {
            Layers =
            [
                LayerSource.FromEntries(LayerEntry.Directory("a"), LayerEntry.File("a/keep", "1"), LayerEntry.File("a/gone", "1"),
                    LayerEntry.Directory("opq"), LayerEntry.File("opq/lower-only", "1")),
                LayerSource.FromEntries(LayerEntry.Directory("b"), LayerEntry.File("b/two", "2")),
                LayerSource.FromEntries(LayerEntry.Directory("a"), LayerEntry.Whiteout("a/gone"),
                    LayerEntry.Directory("opq"), LayerEntry.Opaque("opq"), LayerEntry.File("opq/upper-only", "3")),
            ],
            Tags = ["localhost/overlay:1"],
        };
        using var archive = new MemoryStream();
        OciImageWriter.WriteOciArchive(image, archive);
        archive.Position = 0;
        var id = Assert.Single(await store.LoadAsync(archive, Ct)).Id;
        var container = temp.Combine("engine", "containers", "c1");
        var mount = Assert.Single(new OverlaySnapshotter(options).Prepare(container, store.GetLayerDirectories(id)));
        var target = temp.Combine("rootfs");
        Directory.CreateDirectory(target);

        var script = $"cd '{mount.WorkingDirectory}' && mount -t overlay overlay -o '{string.Join(',', mount.Options)}' '{target}' && "
            + $"echo A $(ls -A '{target}/a') && echo O $(ls -A '{target}/opq') && echo B $(ls -A '{target}/b') && echo written > '{target}/opq/new'";
        var output = await Run("unshare", "-m", "--propagation", "private", "sh", "-c", script);

        Assert.Contains("A keep\n", output, StringComparison.Ordinal);
        Assert.Contains("O upper-only\n", output, StringComparison.Ordinal);
        Assert.Contains("B two\n", output, StringComparison.Ordinal);
        Assert.Equal("written\n", await File.ReadAllTextAsync(Path.Combine(container, "upper", "opq", "new"), Ct));
        Assert.Empty(Directory.GetFileSystemEntries(target));
        Assert.Equal(8, new OverlaySnapshotter(options).GetWritableSize(container));
    }

    private static string MakeLayer(EngineOptions options, string name)
    {
        var diff = Path.Combine(options.RootDirectory, "layers", name, "diff");
        Directory.CreateDirectory(diff);
        return diff;
    }

    private static async Task<string> Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{file} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
