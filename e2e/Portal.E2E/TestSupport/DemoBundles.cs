using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Portal.Server.Catalogues.Demo;

namespace Portal.E2E.TestSupport;

/// <summary>Catalogue bundles for the vendor journey: the demo catalogue as the server builds it, and copies with one manifest changed.</summary>
public static class DemoBundles
{
    /// <summary>busybox-static on the test host (the demo images are built from it, as the server's seeder does).</summary>
    public const string Busybox = "/bin/busybox";

    /// <summary>The vendor the demo catalogue declares in its catalogue.yaml.</summary>
    public const string Vendor = DemoImages.Vendor;

    public static string Write(string directory, string name = "catalogue.tar.gz")
    {
        var path = Path.Combine(directory, name);
        DemoCatalogue.WriteFile(path, Busybox);
        return path;
    }

    /// <summary>Copies the bundle at <paramref name="source"/> to <paramref name="target"/> with the text of some entries rewritten.</summary>
    public static string Rewrite(string source, string target, IReadOnlyDictionary<string, Func<string, string>> changes)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        using (var input = File.OpenRead(source))
        using (var gunzip = new GZipStream(input, CompressionMode.Decompress))
        using (var reader = new TarReader(gunzip))
        using (var output = File.Create(target))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            while (reader.GetNextEntry(copyData: true) is { } item)
            {
                if (changes.TryGetValue(item.Name, out var change) && item.DataStream is { } data)
                {
                    using var text = new StreamReader(data, Encoding.UTF8);
                    var before = text.ReadToEnd();
                    var after = change(before);
                    Assert.NotEqual(before, after);
                    item.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(after));
                    found.Add(item.Name);
                }

                writer.WriteEntry(item);
            }
        }

        Assert.Empty(changes.Keys.Except(found));
        return target;
    }
}
