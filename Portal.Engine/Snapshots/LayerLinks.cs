using System.Security.Cryptography;
using System.Text;

namespace Portal.Engine.Snapshots;

/// <summary>
/// Short names for layer directories: &lt;root&gt;/l/&lt;10 chars&gt; → the layer's diff dir (as containers/storage
/// does), so a mount's lowerdir list of 150 layers stays under the kernel's one-page mount-data limit.
/// The name is derived from the diff dir's path, so the store and the snapshotter agree without bookkeeping.
/// </summary>
public static class LayerLinks
{
    public const string FolderName = "l";
    private const int NameLength = 10;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Folder(string root) => Path.Combine(Path.GetFullPath(root), FolderName);

    public static string Name(string diffDirectory)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(diffDirectory).TrimEnd('/')));
        var name = new StringBuilder(NameLength);
        for (var i = 0; i < NameLength; i++)
        {
            name.Append(Alphabet[hash[i] & 31]);
        }

        return name.ToString();
    }

    /// <summary>Creates (or repairs) the link and returns its name.</summary>
    public static string Ensure(string root, string diffDirectory)
    {
        var folder = Folder(root);
        Directory.CreateDirectory(folder);
        var name = Name(diffDirectory);
        var link = Path.Combine(folder, name);
        var target = Path.GetRelativePath(folder, Path.GetFullPath(diffDirectory));
        if (new FileInfo(link).LinkTarget == target)
        {
            return name;
        }

        // Created beside the link and renamed over it, so a concurrent Prepare never sees a missing link.
        var temp = Path.Combine(folder, "." + name + "-" + Guid.NewGuid().ToString("N"));
        File.CreateSymbolicLink(temp, target);
        Rename(temp, link);
        return name;
    }

    // File.Move refuses a symlink to a directory (it checks the source is a file), rename(2) does not care.
    private static unsafe void Rename(string from, string to)
    {
        fixed (byte* f = Encoding.UTF8.GetBytes(from + "\0"))
        fixed (byte* t = Encoding.UTF8.GetBytes(to + "\0"))
        {
            if (Interop.Native.ImagesRename(f, t) != 0)
            {
                var error = Interop.LinuxException.FromLastError("rename", from);
                File.Delete(from);
                throw error;
            }
        }
    }

    public static void Remove(string root, string diffDirectory)
    {
        var link = Path.Combine(Folder(root), Name(diffDirectory));
        if (new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }
    }
}
