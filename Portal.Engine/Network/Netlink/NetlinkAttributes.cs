using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Portal.Engine.Network.Netlink;

/// <summary>A parsed run of netlink attributes, by type (flags masked off; the last one of a type wins).</summary>
internal sealed class NetlinkAttributes
{
    private readonly Dictionary<ushort, ReadOnlyMemory<byte>> _byType;

    private NetlinkAttributes(Dictionary<ushort, ReadOnlyMemory<byte>> byType) => _byType = byType;

    public IReadOnlyCollection<ushort> Types => _byType.Keys;

    public static NetlinkAttributes Parse(ReadOnlyMemory<byte> data)
    {
        var byType = new Dictionary<ushort, ReadOnlyMemory<byte>>();
        var offset = 0;
        var span = data.Span;
        while (span.Length - offset >= 4)
        {
            var length = MemoryMarshal.Read<ushort>(span[offset..]);
            var type = (ushort)(MemoryMarshal.Read<ushort>(span[(offset + 2)..]) & Rtnl.NLA_TYPE_MASK);
            if (length < 4 || length > span.Length - offset)
            {
                throw new InvalidDataException($"netlink attribute {type} at offset {offset} claims {length} bytes, {span.Length - offset} remain");
            }

            byType[type] = data.Slice(offset + 4, length - 4);
            offset += NetlinkMessageWriter.Align(length);
        }

        return new NetlinkAttributes(byType);
    }

    public bool Has(ushort type) => _byType.ContainsKey(type);

    public ReadOnlyMemory<byte>? Bytes(ushort type) => _byType.TryGetValue(type, out var value) ? value : null;

    public string? String(ushort type)
    {
        if (!_byType.TryGetValue(type, out var value))
        {
            return null;
        }

        var span = value.Span;
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    public uint? UInt32(ushort type) =>
        _byType.TryGetValue(type, out var value) && value.Length >= 4 ? MemoryMarshal.Read<uint>(value.Span) : null;

    public byte? Byte(ushort type) => _byType.TryGetValue(type, out var value) && value.Length >= 1 ? value.Span[0] : null;

    public IPAddress? Address(ushort type) =>
        _byType.TryGetValue(type, out var value) && value.Length is 4 or 16 ? new IPAddress(value.Span) : null;

    public NetlinkAttributes? Nested(ushort type) => _byType.TryGetValue(type, out var value) ? Parse(value) : null;
}
