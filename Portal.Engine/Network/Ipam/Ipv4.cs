using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Ipam;

/// <summary>Conversions between <see cref="IPAddress"/> and the 32-bit numbers the address arithmetic uses.</summary>
public static class Ipv4
{
    public static uint ToUInt32(IPAddress address, string what = "address")
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new InvalidArgumentException($"{what} {address} is not an IPv4 address");
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public static IPAddress FromUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>Parses a dotted-quad IPv4 address; <paramref name="what"/> names the field in the error.</summary>
    public static IPAddress Parse(string? text, string what = "address")
    {
        if (!TryParse(text, out var address))
        {
            throw new InvalidArgumentException($"invalid {what} \"{text}\": expected an IPv4 address such as 172.18.0.5");
        }

        return address;
    }

    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        // IPAddress.TryParse also takes "10", "10.1" and octal/hex forms; only the canonical dotted quad is an address here.
        if (string.IsNullOrEmpty(text) || text.Count(c => c == '.') != 3
            || !text.All(c => c == '.' || char.IsAsciiDigit(c))
            || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        foreach (var part in text.Split('.'))
        {
            if (part.Length == 0 || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }
        }

        address = parsed;
        return true;
    }
}
