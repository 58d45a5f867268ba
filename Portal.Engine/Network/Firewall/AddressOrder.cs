namespace Portal.Engine.Network.Firewall;

/// <summary>Orders IPv4 addresses numerically by their bytes.</summary>
internal sealed class AddressOrder : IComparer<byte[]>
{
    public static readonly AddressOrder Instance = new();

    public int Compare(byte[]? x, byte[]? y) =>
        x is null || y is null ? Comparer<byte[]?>.Default.Compare(x, y) : x.AsSpan().SequenceCompareTo(y);
}
