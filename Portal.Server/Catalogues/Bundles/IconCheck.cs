using System.Xml;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// Tells an icon's type by its content: PNG and JPEG by magic bytes; SVG by parsing it as XML (no DTD) with an svg
/// root. Icons are served from the portal's own origin, so an SVG that could run script (script elements,
/// foreignObject, on* handlers, links other than "#..." or data:image) is refused.
/// </summary>
public static class IconCheck
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>The media type, or null with <paramref name="problem"/> saying why the bytes are not an acceptable icon.</summary>
    public static string? MediaType(byte[] content, out string? problem)
    {
        problem = null;
        var raster = ImageSignature.RasterMediaType(content);
        if (raster is ImageSignature.Png or ImageSignature.Jpeg)
        {
            return raster;
        }

        problem = SvgProblem(content);
        return problem is null ? "image/svg+xml" : null;
    }

    private static string? SvgProblem(byte[] content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            var root = true;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (root)
                {
                    if (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace)
                    {
                        return "not an svg/png/jpeg image";
                    }

                    root = false;
                }

                if (reader.LocalName is "script" or "foreignObject" or "iframe" or "embed" or "object")
                {
                    return $"the SVG has a <{reader.LocalName}> element; icons must not be able to run script";
                }

                for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                {
                    if (reader.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    {
                        return $"the SVG has an event handler attribute ({reader.LocalName}); icons must not be able to run script";
                    }

                    if (reader.LocalName == "href" && !reader.Value.StartsWith('#') && !reader.Value.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
                    {
                        return $"the SVG links to \"{reader.Value}\"; icons may only link inside themselves (\"#id\") or to data:image/ URLs";
                    }
                }

                reader.MoveToElement();
            }

            return root ? "not an svg/png/jpeg image" : null;
        }
        catch (XmlException)
        {
            return "not an svg/png/jpeg image";
        }
    }
}
