using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Cgroups;

/// <summary>A temp directory laid out like a cgroup filesystem: plain files standing in for kernel files.</summary>
public sealed class CgroupTree : IDisposable
{
    private readonly TempDirectory _dir = new("portal-cgtree-");

    public string Root => _dir.Path;

    public string Path(params string[] parts) => _dir.Combine(parts);

    /// <summary>Creates the directory (and parents) with the given files.</summary>
    public string Dir(string relative, params (string File, string Content)[] files)
    {
        var dir = _dir.Combine(relative);
        Directory.CreateDirectory(dir);
        foreach (var (file, content) in files)
        {
            File.WriteAllText(System.IO.Path.Combine(dir, file), content);
        }

        return dir;
    }

    public string Read(params string[] parts) => File.ReadAllText(_dir.Combine(parts));

    public void Dispose() => _dir.Dispose();
}
