using System.Text;
using Portal.Engine.Interop;
using Tmds.Linux;

namespace Portal.Engine.Images;

/// <summary>Writes a file so that a crash leaves either the old content or the new one, never a mix.</summary>
internal static unsafe class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Makes renames into <paramref name="directory"/> durable.</summary>
    public static void SyncDirectory(string directory) => WithDirectory(directory, fd => LibC.fsync(fd), "fsync");

    /// <summary>Flushes the whole filesystem holding <paramref name="directory"/> (cheaper than an fsync per extracted file).</summary>
    public static void SyncFileSystem(string directory) => WithDirectory(directory, fd => LibC.syncfs(fd), "syncfs");

    private static void WithDirectory(string directory, Func<int, int> call, string operation)
    {
        int fd;
        fixed (byte* p = Encoding.UTF8.GetBytes(directory + "\0"))
        {
            fd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            throw LinuxException.FromLastError("open", directory);
        }

        try
        {
            if (call(fd) != 0)
            {
                throw LinuxException.FromLastError(operation, directory);
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }
}
