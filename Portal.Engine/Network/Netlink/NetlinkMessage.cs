using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Portal.Engine.Network.Netlink;

/// <summary>One received netlink message; <see cref="Payload"/> is everything after the nlmsghdr.</summary>
internal sealed record NetlinkMessage(ushort Type, ushort Flags, uint Sequence, uint PortId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Splits one datagram into its messages (copied: the receive buffer is reused).</summary>
    public static List<NetlinkMessage> Split(ReadOnlySpan<byte> datagram)
    {
        var messages = new List<NetlinkMessage>();
        var offset = 0;
        while (datagram.Length - offset >= Rtnl.HeaderLength)
        {
            var header = MemoryMarshal.Read<NlMsgHdr>(datagram[offset..]);
            if (header.Length < Rtnl.HeaderLength || header.Length > datagram.Length - offset)
            {
                throw new InvalidDataException(
                    $"netlink message at offset {offset} claims {header.Length} bytes, {datagram.Length - offset} remain");
            }

            var payload = datagram.Slice(offset + Rtnl.HeaderLength, (int)header.Length - Rtnl.HeaderLength).ToArray();
            messages.Add(new NetlinkMessage(header.Type, header.Flags, header.Sequence, header.PortId, payload));
            offset += NetlinkMessageWriter.Align((int)header.Length);
        }

        return messages;
    }

    /// <summary>The family header (ifinfomsg, ifaddrmsg, rtmsg) at the start of the payload.</summary>
    public T Header<T>() where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (Payload.Length < size)
        {
            throw new InvalidDataException($"{Rtnl.MessageName(Type)} of {Payload.Length} bytes is shorter than its {size}-byte header");
        }

        return MemoryMarshal.Read<T>(Payload.Span);
    }

    /// <summary>The attributes after a family header of <typeparamref name="T"/>.</summary>
    public NetlinkAttributes Attributes<T>() where T : unmanaged =>
        NetlinkAttributes.Parse(Payload[NetlinkMessageWriter.Align(Unsafe.SizeOf<T>())..]);
}
