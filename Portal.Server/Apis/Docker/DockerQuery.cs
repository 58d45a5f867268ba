using System.Globalization;
using Portal.Engine.Errors;

namespace Portal.Server.Apis.Docker;

/// <summary>Query parameters as Docker reads them.</summary>
internal static class DockerQuery
{
    /// <summary>Docker's BoolValue: absent, "", "0", "no", "false" and "none" are false; anything else true.</summary>
    public static bool Bool(this HttpRequest request, string name)
    {
        var value = request.Query[name].ToString().Trim().ToLowerInvariant();
        return value is not ("" or "0" or "no" or "false" or "none");
    }

    public static int? Int(this HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidArgumentException($"invalid value for {name}: {value} (want an integer)");
    }

    public static string? String(this HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value : null;
}
