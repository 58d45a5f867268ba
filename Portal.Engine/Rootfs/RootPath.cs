using Portal.Engine.Interop;

namespace Portal.Engine.Rootfs;

/// <summary>
/// Resolves a container path to a host path under the root, creating what is missing, and refuses any
/// component that is a symlink: a target planted as a link in the image would otherwise let a mount land
/// outside the rootfs (CVE-2021-30465 style; runc verifies targets through /proc/self/fd for the same reason).
/// </summary>
internal static class RootPath
{
    public static string Resolve(ISyscalls sys, string root, string containerPath, FileKind create)
    {
        var parts = containerPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p is ".." or "."))
        {
            throw new InvalidOperationException($"mount target {containerPath} must not contain . or .. components");
        }

        var current = root.TrimEnd('/');
        for (var i = 0; i < parts.Length; i++)
        {
            current = current + "/" + parts[i];
            var last = i == parts.Length - 1;
            switch (sys.Lstat(current))
            {
                case FileKind.Symlink:
                    throw new InvalidOperationException(
                        $"refusing mount target {containerPath}: {current} is a symlink (it could point outside the container root)");
                case FileKind.Missing when create == FileKind.Missing:
                    return current;
                case FileKind.Missing when last && create == FileKind.File:
                    sys.CreateFile(current, FileModes.Rw_r__r__);
                    break;
                case FileKind.Missing:
                    sys.Mkdir(current, FileModes.Rwxr_xr_x);
                    break;
                case FileKind.Directory:
                    break;
                case var kind when !last:
                    throw new InvalidOperationException($"mount target {containerPath}: {current} is a {kind}, not a directory");
            }
        }

        return current.Length == 0 ? "/" : current;
    }
}
