using Portal.Engine.Errors;
using Portal.Engine.Spec;

namespace Portal.Engine.Snapshots;

/// <summary>
/// Builds a container root as one overlay mount: the image's layers as lowerdirs (named by their short
/// links in &lt;root&gt;/l, relative to the mount's working directory) and &lt;container&gt;/upper + work.
/// </summary>
public sealed class OverlaySnapshotter(EngineOptions options) : ISnapshotter
{
    public IReadOnlyList<MountSpec> Prepare(string containerDirectory, IReadOnlyList<string> lowerDirectories)
    {
        if (lowerDirectories.Count == 0)
        {
            throw new InvalidArgumentException("an overlay root needs at least one image layer");
        }

        var container = Path.GetFullPath(containerDirectory);
        var upper = Path.Combine(container, "upper");
        var work = Path.Combine(container, "work");
        foreach (var path in new[] { upper, work })
        {
            // The kernel splits mount options on ',' and lowerdir on ':' (with '\' escaping); refuse rather than escape.
            if (path.IndexOfAny([',', ':', '\\']) >= 0)
            {
                throw new InvalidArgumentException($"container directory {container} contains ',', ':' or '\\', which overlay mount options cannot carry");
            }

            Directory.CreateDirectory(path);
        }

        // overlayfs stacks lowerdir left to right from the top, so the topmost layer comes first.
        var links = lowerDirectories.Reverse().Select(dir => LayerLinks.Ensure(options.RootDirectory, dir));
        return
        [
            new MountSpec("overlay", "overlay", "/",
                ["lowerdir=" + string.Join(':', links), "upperdir=" + upper, "workdir=" + work],
                LayerLinks.Folder(options.RootDirectory)),
        ];
    }

    public long GetWritableSize(string containerDirectory)
    {
        var upper = new DirectoryInfo(Path.Combine(containerDirectory, "upper"));
        if (!upper.Exists)
        {
            return 0;
        }

        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return upper.EnumerateFiles("*", enumeration).Where(f => f.LinkTarget is null).Sum(f => f.Length);
    }
}
