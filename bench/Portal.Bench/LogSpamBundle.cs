using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Portal.Server.Catalogues.Demo;

namespace Portal.Bench;

/// <summary>
/// The demo catalogue as the server builds it, with Welcome Site 1.0.0's entry point replaced by a busybox sh loop that
/// writes <see cref="LinesPerBatch"/> log lines, sleeps <see cref="BatchSeconds"/> s, and again (about 300 lines/s),
/// after starting httpd so its health check stays green.
/// </summary>
internal static class LogSpamBundle
{
    public const string Slug = "welcome";
    public const string Version = "1.0.0";
    public const int LinesPerBatch = 30;
    public const double BatchSeconds = 0.1;

    /// <summary>What every line says after its number (as the anchor page writes it too).</summary>
    public const string LineText = "GET /api/v1/items?page=3&size=50 200 OK 3.2ms user=bench agent=Mozilla/5.0 trace=4bf92f3577b34da6";

    private const string Manifest = Slug + "/" + Version + "/appliance.yaml";
    private const string ImageLine = "    image: localhost/portal-demo/welcome:1.0.0\n";

    public static string Write(string directory)
    {
        using var original = new MemoryStream();
        DemoCatalogue.Write(original, "/bin/busybox");
        original.Position = 0;
        var path = Path.Combine(directory, "logspam.tar.gz");
        var changed = false;
        using (var gunzip = new GZipStream(original, CompressionMode.Decompress))
        using (var reader = new TarReader(gunzip))
        using (var output = File.Create(path))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name == Manifest && entry.DataStream is { } data)
                {
                    var text = new StreamReader(data, Encoding.UTF8).ReadToEnd();
                    var script = "httpd -p 8080 -h /var/www; n=0; while :; do i=0; while [ $$i -lt " + LinesPerBatch + " ]; do " +
                        "n=$$((n + 1)); i=$$((i + 1)); echo \"$$n " + LineText + "\"; done; sleep " +
                        BatchSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; done";
                    var replaced = text.Replace(ImageLine, ImageLine + "    entrypoint: [\"/bin/sh\", \"-c\", " + Quote(script) + "]\n", StringComparison.Ordinal);
                    changed = replaced != text;
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(replaced));
                }

                writer.WriteEntry(entry);
            }
        }

        return changed ? path : throw new InvalidOperationException($"{Manifest} in the demo catalogue no longer has the line '{ImageLine.Trim()}' to add the entry point after");
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
