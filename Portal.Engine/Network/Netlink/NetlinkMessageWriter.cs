using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Portal.Engine.Network.Netlink;

/// <summary>
/// Builds one netlink request: the 16-byte nlmsghdr, a family header (ifinfomsg, ifaddrmsg, rtmsg) and
/// attributes, each padded to 4 bytes; nests are patched with their length when closed.
/// All integers are in host byte order, as netlink wants them.
/// </summary>
internal sealed class NetlinkMessageWriter
{
    private byte[] _buffer = new byte[256];
    private int _length = Rtnl.HeaderLength;

    public NetlinkMessageWriter(ushort type, ushort flags)
    {
        Type = type;
        Flags = flags;
    }

    public ushort Type { get; }
    public ushort Flags { get; }

    // NLM_F_DUMP shares its bits with NLM_F_REPLACE|NLM_F_EXCL; it only means "dump" on RTM_GET* (type % 4 == 2).
    public bool IsDump => (Flags & Rtnl.NLM_F_DUMP) == Rtnl.NLM_F_DUMP && Type % 4 == 2;

    public static int Align(int length) => (length + 3) & ~3;

    public NetlinkMessageWriter Header<T>(T header) where T : unmanaged
    {
        Append(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(ref header)));
        return this;
    }

    public NetlinkMessageWriter Attribute(ushort type, ReadOnlySpan<byte> payload)
    {
        var start = _length;
        Reserve(4);
        Append(payload);
        PatchAttributeHeader(start, type, _length - start);
        Pad();
        return this;
    }

    public NetlinkMessageWriter String(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attribute(type, bytes);
    }

    public NetlinkMessageWriter UInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, in value);
        return Attribute(type, bytes);
    }

    public NetlinkMessageWriter Address(ushort type, IPAddress address) => Attribute(type, address.GetAddressBytes());

    /// <summary>Opens a nested attribute; its payload is everything written until <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        Reserve(4);
        PatchAttributeHeader(start, type, 4);
        return start;
    }

    public NetlinkMessageWriter EndNested(int start)
    {
        PatchAttributeHeader(start, MemoryMarshal.Read<ushort>(_buffer.AsSpan(start + 2)), _length - start);
        return this;
    }

    /// <summary>The finished message with its length, sequence number and port id filled in.</summary>
    public byte[] ToArray(uint sequence, uint portId = 0)
    {
        var message = _buffer.AsSpan(0, _length).ToArray();
        var header = new NlMsgHdr
        {
            Length = (uint)_length,
            Type = Type,
            Flags = Flags,
            Sequence = sequence,
            PortId = portId,
        };
        MemoryMarshal.Write(message, in header);
        return message;
    }

    private void PatchAttributeHeader(int start, ushort type, int length)
    {
        var span = _buffer.AsSpan(start);
        var len = checked((ushort)length);
        MemoryMarshal.Write(span, in len);
        MemoryMarshal.Write(span[2..], in type);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int count)
    {
        Ensure(count);
        _buffer.AsSpan(_length, count).Clear();
        _length += count;
    }

    private void Pad() => Reserve(Align(_length) - _length);

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
