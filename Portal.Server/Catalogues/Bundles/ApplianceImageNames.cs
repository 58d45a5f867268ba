using System.Text;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// The engine name of an appliance version's image: <c>localhost/&lt;vendor-slug&gt;/&lt;appliance id&gt;:&lt;version&gt;</c>,
/// e.g. <c>localhost/portal-demo/io.portal.demo.notes:2.0.0</c>. The slug is the vendor's name in lower case with
/// every run of other characters than a-z and 0-9 turned into one '-'; a '+' in the version (build metadata), which
/// image tags do not allow, becomes '_'.
/// </summary>
public static class ApplianceImageNames
{
    public static string For(string vendor, string applianceId, string version) =>
        $"localhost/{VendorSlug(vendor)}/{applianceId.ToLowerInvariant()}:{version.Replace('+', '_')}";

    public static string VendorSlug(string vendor)
    {
        var slug = new StringBuilder();
        foreach (var c in vendor.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().TrimEnd('-');
        return text.Length == 0 ? "vendor" : text;
    }
}
