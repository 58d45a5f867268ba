using System.Runtime.InteropServices;

namespace Portal.Engine.Interop;

/// <summary>What the netlink client needs beyond Tmds.LibC: struct sockaddr_nl.</summary>
internal static unsafe partial class Native
{
    public const int CLONE_NEWNET = 0x40000000;

    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrNl
    {
        public ushort Family;
        public ushort Pad;
        public uint PortId;
        public uint Groups;
    }
}
