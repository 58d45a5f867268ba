using System.Runtime.InteropServices;

namespace Portal.Engine.Interop;

internal static unsafe partial class Native
{
    public const long CGROUP2_SUPER_MAGIC = 0x63677270;

    // struct statfs is 120 bytes on x86_64 and aarch64 with f_type (a long) first; the buffer is
    // oversized so no architecture's layout can overrun it.
    public const int StatfsBufferSize = 256;

    [LibraryImport("libc", EntryPoint = "statfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int statfs(string path, byte* buf);

    // glibc's wrapper returns 0; the raw syscall would return the mask size, so only the sign matters.
    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    public static partial int sched_getaffinity(int pid, nuint cpusetsize, byte* mask);
}
