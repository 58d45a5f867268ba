using Portal.Engine.Errors;

namespace Portal.Engine.Network.Ipam;

/// <summary>A range that automatic subnets are cut from, each <see cref="Size"/> bits long (Docker's default-address-pools).</summary>
public sealed record AddressPool
{
    public AddressPool(Ipv4Cidr @base, int size)
    {
        if (size < @base.PrefixLength || size > 30)
        {
            throw new InvalidArgumentException(
                $"address pool {@base}: subnet size /{size} must be from /{@base.PrefixLength} to /30");
        }

        Base = @base;
        Size = size;
    }

    public Ipv4Cidr Base { get; }

    public int Size { get; }

    /// <summary>Docker's defaults: 172.17.0.0/16 … 172.31.0.0/16, then 192.168.0.0/16 in /20 steps.</summary>
    public static IReadOnlyList<AddressPool> Defaults { get; } =
    [
        .. Enumerable.Range(17, 15).Select(b => new AddressPool(Ipv4Cidr.Parse($"172.{b}.0.0/16"), 16)),
        new AddressPool(Ipv4Cidr.Parse("192.168.0.0/16"), 20),
    ];

    /// <summary>Parses "172.17.0.0/16" (one subnet of the base's own size) or "192.168.0.0/16:20" (cut into /20s).</summary>
    public static AddressPool Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var @base = Ipv4Cidr.Parse(colon < 0 ? text : text[..colon], "address pool");
        if (colon < 0)
        {
            return new AddressPool(@base, @base.PrefixLength);
        }

        var sizeText = text[(colon + 1)..].TrimStart('/');
        if (!int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
        {
            throw new InvalidArgumentException($"invalid address pool \"{text}\": subnet size \"{sizeText}\" is not a number");
        }

        return new AddressPool(@base, size);
    }

    public IEnumerable<Ipv4Cidr> Subnets() => Base.Subnets(Size);

    public override string ToString() => $"{Base}:{Size}";
}
