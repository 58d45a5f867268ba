using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Ipam;

/// <summary>An IPv4 network: a base address with no host bits set and a prefix length (0–32).</summary>
[JsonConverter(typeof(Ipv4CidrJsonConverter))]
public readonly record struct Ipv4Cidr
{
    private readonly uint _network;

    private Ipv4Cidr(uint network, int prefixLength)
    {
        _network = network;
        PrefixLength = prefixLength;
    }

    public int PrefixLength { get; }

    public IPAddress Network => Ipv4.FromUInt32(_network);

    public IPAddress Mask => Ipv4.FromUInt32(MaskBits);

    /// <summary>The last address of the range (the broadcast address for prefixes up to /30).</summary>
    public IPAddress Broadcast => Ipv4.FromUInt32(Last);

    /// <summary>Number of addresses in the range, network and broadcast included.</summary>
    public long Size => 1L << (32 - PrefixLength);

    /// <summary>First usable host address (the one after the network address; for /31 and /32 the first address).</summary>
    public IPAddress FirstHost => Ipv4.FromUInt32(FirstHostBits);

    /// <summary>Last usable host address (the one before the broadcast address; for /31 and /32 the last address).</summary>
    public IPAddress LastHost => Ipv4.FromUInt32(LastHostBits);

    internal uint First => _network;

    internal uint Last => _network | ~MaskBits;

    internal uint FirstHostBits => PrefixLength >= 31 ? First : First + 1;

    internal uint LastHostBits => PrefixLength >= 31 ? Last : Last - 1;

    private uint MaskBits => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <summary>The network of <paramref name="prefixLength"/> bits that holds <paramref name="address"/> (host bits dropped).</summary>
    public static Ipv4Cidr Containing(IPAddress address, int prefixLength)
    {
        CheckPrefix(prefixLength, address.ToString());
        return Containing(Ipv4.ToUInt32(address), prefixLength);
    }

    /// <summary>
    /// Parses "a.b.c.d/n". Host bits must be zero.
    /// </summary>
    // Why refuse rather than normalise "10.0.0.1/24": it is either a typo for a subnet or an interface address
    // pasted where a subnet belongs, and silently making it 10.0.0.0/24 would store something the user did not
    // write. Docker (since 25.0) refuses it the same way and names the network that was probably meant.
    public static Ipv4Cidr Parse(string? text, string what = "subnet")
    {
        if (!TryParse(text, out var cidr, out var error))
        {
            throw new InvalidArgumentException($"invalid {what} \"{text}\": {error}");
        }

        return cidr;
    }

    public static bool TryParse(string? text, out Ipv4Cidr cidr, out string error)
    {
        cidr = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0)
        {
            error = "expected an IPv4 network in CIDR form such as 172.18.0.0/16";
            return false;
        }

        if (!Ipv4.TryParse(text[..slash], out var address))
        {
            error = $"\"{text[..slash]}\" is not an IPv4 address";
            return false;
        }

        var prefixText = text[(slash + 1)..];
        if (prefixText.Length is 0 or > 2 || !prefixText.All(char.IsAsciiDigit)
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            error = $"prefix length \"{prefixText}\" is not a number from 0 to 32";
            return false;
        }

        var bits = Ipv4.ToUInt32(address);
        cidr = Containing(bits, prefix);
        if (cidr._network != bits)
        {
            error = $"host bits are set; the network is {cidr}";
            cidr = default;
            return false;
        }

        error = "";
        return true;
    }

    public bool Contains(IPAddress address) => Contains(Ipv4.ToUInt32(address));

    public bool Contains(Ipv4Cidr other) => other.PrefixLength >= PrefixLength && Contains(other._network);

    /// <summary>True when the two ranges share at least one address (nested ranges overlap; adjacent ones do not).</summary>
    public bool Overlaps(Ipv4Cidr other) => Contains(other._network) || other.Contains(_network);

    /// <summary>The consecutive subnets of <paramref name="prefixLength"/> bits this range divides into, lowest first.</summary>
    public IEnumerable<Ipv4Cidr> Subnets(int prefixLength)
    {
        if (prefixLength < PrefixLength || prefixLength > 32)
        {
            throw new InvalidArgumentException($"cannot divide {this} into /{prefixLength} subnets");
        }

        var step = 1UL << (32 - prefixLength);
        for (ulong next = _network; next <= Last; next += step)
        {
            yield return new Ipv4Cidr((uint)next, prefixLength);
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");

    internal bool Contains(uint address) => (address & MaskBits) == _network;

    internal static Ipv4Cidr Containing(uint address, int prefixLength)
    {
        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return new Ipv4Cidr(address & mask, prefixLength);
    }

    private static void CheckPrefix(int prefixLength, string where)
    {
        if (prefixLength is < 0 or > 32)
        {
            throw new InvalidArgumentException($"prefix length {prefixLength} for {where} is not from 0 to 32");
        }
    }
}
