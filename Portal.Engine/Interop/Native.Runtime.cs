using System.Runtime.InteropServices;

namespace Portal.Engine.Interop;

/// <summary>What Tmds.LibC 0.5.0 lacks for the container runtime.</summary>
internal static unsafe partial class Native
{
    public const int PR_SET_DUMPABLE = 4, PR_SET_KEEPCAPS = 8, PR_CAPBSET_DROP = 24, PR_SET_NO_NEW_PRIVS = 38,
        PR_CAP_AMBIENT = 47, PR_CAP_AMBIENT_CLEAR_ALL = 4;

    public const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    public const uint CLOSE_RANGE_CLOEXEC = 4;
    public const int POLLIN = 1;

    [StructLayout(LayoutKind.Sequential)]
    public struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    public static partial int capset(CapHeader* header, CapData* data);

    [LibraryImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    public static partial int prlimit(int pid, int resource, Rlimit* newLimit, Rlimit* oldLimit);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint syscall3(nint number, nint a1, nint a2, nint a3);

    private static readonly bool IsArm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>glibc has no wrapper; x86_64 155, the generic table (arm64) 41.</summary>
    public static int pivot_root(byte* newRoot, byte* putOld) =>
        (int)syscall3(IsArm64 ? 41 : 155, (nint)newRoot, (nint)putOld, 0);

    /// <summary>Syscall 436 on every architecture (the new-syscall numbers are unified).</summary>
    public static int close_range(uint first, uint last, uint flags) =>
        (int)syscall3(436, (nint)first, unchecked((nint)last), (nint)flags);

    /// <summary>Syscall 434 on every architecture.</summary>
    public static int pidfd_open(int pid, uint flags) => (int)syscall3(434, pid, (nint)flags, 0);
}
