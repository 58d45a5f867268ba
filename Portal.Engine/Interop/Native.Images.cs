using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Portal.Engine.Interop;

internal static unsafe partial class Native
{
    // openat2 has the same number on every architecture (it was added after the syscall tables were unified).
    private const nint SysOpenat2 = 437;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint ImagesSyscall4(nint number, nint a1, nint a2, nint a3, nint a4);

    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true)]
    public static partial int FSetXattr(int fd, byte* name, byte* value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true)]
    public static partial int ImagesRename(byte* from, byte* to);

    public static int OpenAt2(int dirfd, byte* path, open_how* how) =>
        (int)ImagesSyscall4(SysOpenat2, dirfd, (nint)path, (nint)how, sizeof(open_how));
}
