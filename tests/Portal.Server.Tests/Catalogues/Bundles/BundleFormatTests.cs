using Portal.Server.Catalogues.Bundles;

namespace Portal.Server.Tests.Catalogues.Bundles;

public sealed class BundleFormatTests
{
    [Fact]
    public void Gzip_and_tar_are_told_by_their_first_bytes()
    {
        var bundle = new BundleBuilder().File("catalogue.yaml", "vendor: x\n");

        Assert.Equal(BundleFormat.Gzip, BundleFormats.Detect(bundle.TarGz()));
        Assert.Equal(BundleFormat.Tar, BundleFormats.Detect(bundle.Tar()));
    }

    [Fact]
    public void An_old_v7_tar_header_is_recognised_by_its_checksum_and_a_broken_checksum_is_not()
    {
        var header = new byte[512];
        "catalogue.yaml"u8.CopyTo(header);
        "0000644\0"u8.CopyTo(header.AsSpan(100));
        "00000000001\0"u8.CopyTo(header.AsSpan(124));
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = header.Sum(b => (int)b);
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);

        Assert.Equal(BundleFormat.Tar, BundleFormats.Detect(header));
        header[0] ^= 1;
        Assert.Equal(BundleFormat.Unknown, BundleFormats.Detect(header));
    }

    [Theory]
    [InlineData("PK\u0003\u0004 a zip file")]
    [InlineData("vendor: x\nversion: 1.0.0\n")]
    [InlineData("")]
    public void Anything_else_is_unknown(string content)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(content.PadRight(content.Length == 0 ? 0 : 600, ' '));

        Assert.Equal(BundleFormat.Unknown, BundleFormats.Detect(bytes));
    }
}
