using System.Formats.Tar;
using Portal.Server.Catalogues.Bundles;

namespace Portal.Server.Tests.Catalogues.Bundles;

/// <summary>Hostile bundles and caps: refused with a message naming what is wrong, nothing written outside the work directory.</summary>
public sealed class BundleSafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BundleBuilder Valid() => new BundleBuilder().Catalogue("1.0.0", BundleBuilder.Vendor, "notes").Appliance("notes");

    [Fact]
    public async Task Hostile_entries_are_each_reported_and_nothing_lands_outside_or_stays_behind()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        var before = await harness.StateAsync();
        var bundle = Valid()
            .Entry(new PaxTarEntry(TarEntryType.RegularFile, "/tmp/portal-escape-absolute") { DataStream = new MemoryStream([1]) })
            .Entry(new PaxTarEntry(TarEntryType.RegularFile, "notes/../../portal-escape-dotdot") { DataStream = new MemoryStream([1]) })
            .Entry(new PaxTarEntry(TarEntryType.SymbolicLink, "notes/passwd") { LinkName = "../../../../etc/passwd" })
            .Entry(new PaxTarEntry(TarEntryType.SymbolicLink, "notes/abs") { LinkName = "/etc/passwd" })
            .Entry(new PaxTarEntry(TarEntryType.HardLink, "notes/hard") { LinkName = "/etc/shadow" })
            .Entry(new PaxTarEntry(TarEntryType.CharacterDevice, "notes/null") { DeviceMajor = 1, DeviceMinor = 3 })
            .Entry(new PaxTarEntry(TarEntryType.Fifo, "notes/fifo"));

        var result = await harness.UploadAsync(vendor, bundle.TarGz());

        Assert.Equal(CatalogueImportStatus.Invalid, result.Status);
        Assert.All(result.Problems, p => Assert.Equal("bundle", p.Path));
        Assert.Equal(
            ["entry '/tmp/portal-escape-absolute': absolute paths and '..' are not allowed",
             "entry 'notes/../../portal-escape-dotdot': absolute paths and '..' are not allowed",
             "entry 'notes/null' is a character device; only files, directories and links inside the bundle are allowed",
             "entry 'notes/fifo' is a fifo; only files, directories and links inside the bundle are allowed",
             "entry 'notes/passwd' links to '../../../../etc/passwd', outside the bundle",
             "entry 'notes/abs' links to '/etc/passwd', outside the bundle",
             "entry 'notes/hard' links to '/etc/shadow', outside the bundle"],
            result.Problems.Select(p => p.Message));
        Assert.False(File.Exists("/tmp/portal-escape-absolute"));
        Assert.False(File.Exists(Path.Combine(harness.Options.TempDirectory, "..", "portal-escape-dotdot")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.Options.TempDirectory));
        Assert.Equal(before, await harness.StateAsync());
    }

    [Fact]
    public async Task Links_inside_the_bundle_become_copies_of_the_file()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        var bundle = new BundleBuilder().Catalogue("1.0.0", BundleBuilder.Vendor, "notes")
            .Appliance("notes", icon: false)
            .File("shared/logo.svg", BundleBuilder.Svg)
            .Entry(new PaxTarEntry(TarEntryType.SymbolicLink, "notes/icon.svg") { LinkName = "../shared/logo.svg" });

        var result = await harness.UploadAsync(vendor, bundle.Tar());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    [Fact]
    public async Task Entry_count_and_per_file_caps_name_the_cap()
    {
        await using var harness = await CatalogueHarness.CreateAsync(o => (o.MaxEntries, o.MaxFileBytes) = (5, 100_000));
        var vendor = await harness.AddVendorAsync();
        var many = Valid();
        for (var i = 0; i < 5; i++)
        {
            many.File($"extra/{i}", "x");
        }

        var tooMany = await harness.UploadAsync(vendor, many.TarGz());
        var tooBig = await harness.UploadAsync(vendor, Valid().File("notes/big", new byte[100_001]).TarGz());

        Assert.Equal("bundle: more than 5 entries (Portal:Catalogues:MaxEntries)", Assert.Single(tooMany.Problems).ToString());
        Assert.Equal("bundle: entry 'notes/big' is 100001 bytes, over the 100000-byte cap per file (Portal:Catalogues:MaxFileBytes)", Assert.Single(tooBig.Problems).ToString());
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_extracted_bytes_cap()
    {
        await using var harness = await CatalogueHarness.CreateAsync(o => o.MaxExtractedBytes = 1_000_000);
        var vendor = await harness.AddVendorAsync();
        var bundle = Valid().File("zeros", new byte[2_000_000]).TarGz();
        Assert.True(bundle.Length < 100_000);

        var result = await harness.UploadAsync(vendor, bundle);

        Assert.Equal("bundle: expands to more than 1000000 bytes (Portal:Catalogues:MaxExtractedBytes)", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task Not_a_tar_and_a_truncated_tar_are_reported_as_such()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        var zip = new byte[1024];
        "PK\u0003\u0004"u8.CopyTo(zip);
        var gz = Valid().TarGz();

        var notTar = await harness.UploadAsync(vendor, zip);
        var truncated = await harness.UploadAsync(vendor, gz[..(gz.Length / 2)]);

        Assert.Equal("bundle: not a tar or tar.gz file (told by its first bytes)", Assert.Single(notTar.Problems).ToString());
        Assert.StartsWith("bundle: not a valid tar archive (truncated or corrupt)", Assert.Single(truncated.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_content_length_over_the_cap_is_refused_before_reading()
    {
        await using var harness = await CatalogueHarness.CreateAsync(o => o.MaxBundleBytes = 1000);
        var vendor = await harness.AddVendorAsync();

        var result = await harness.Importer.UploadAsync(vendor, null, new UnreadableStream(), 1001, null, Ct);

        Assert.Equal(CatalogueImportStatus.TooLarge, result.Status);
        Assert.Equal("bundle: the bundle is 1001 bytes, over the upload cap of 1000 bytes (Portal:Catalogues:MaxBundleBytes)", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task A_body_without_length_is_refused_as_soon_as_it_passes_the_cap_and_its_file_is_removed()
    {
        await using var harness = await CatalogueHarness.CreateAsync(o => o.MaxBundleBytes = 300_000);
        var vendor = await harness.AddVendorAsync();
        var body = new EndlessStream();

        var result = await harness.Importer.UploadAsync(vendor, null, body, null, null, Ct);

        Assert.Equal(CatalogueImportStatus.TooLarge, result.Status);
        Assert.Contains("over the upload cap of 300000 bytes", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.InRange(body.Served, 300_001, 300_000 + (256 * 1024));
        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.Options.TempDirectory));
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("must not be read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("must not be read");
    }

    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
