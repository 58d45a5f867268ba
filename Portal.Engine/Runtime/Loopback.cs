using System.Runtime.InteropServices;
using Portal.Engine.Interop;
using Tmds.Linux;

namespace Portal.Engine.Runtime;

/// <summary>Brings `lo` up in the container's fresh network namespace (it starts down) with SIOCSIFFLAGS.</summary>
internal static unsafe class Loopback
{
    private const int SIOCGIFFLAGS = 0x8913, SIOCSIFFLAGS = 0x8914;
    private const short IFF_UP = 1;

    [StructLayout(LayoutKind.Sequential, Size = 40)]
    private struct IfReq
    {
        public fixed byte Name[16];
        public short Flags;
    }

    public static void Up()
    {
        var fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd == -1)
        {
            throw LinuxException.FromLastError("socket", "AF_INET");
        }

        try
        {
            var req = default(IfReq);
            req.Name[0] = (byte)'l';
            req.Name[1] = (byte)'o';
            if (LibC.ioctl(fd, SIOCGIFFLAGS, &req) == -1)
            {
                throw LinuxException.FromLastError("ioctl(SIOCGIFFLAGS)", "lo");
            }

            req.Flags |= IFF_UP;
            if (LibC.ioctl(fd, SIOCSIFFLAGS, &req) == -1)
            {
                throw LinuxException.FromLastError("ioctl(SIOCSIFFLAGS)", "lo");
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }
}
