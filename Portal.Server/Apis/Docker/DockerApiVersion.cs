using System.Globalization;

namespace Portal.Server.Apis.Docker;

/// <summary>The API versions the socket speaks, and the version a request asked for.</summary>
public static class DockerApiVersion
{
    public const string Max = "1.47";
    public const string Min = "1.24";

    /// <summary>The Docker release that introduced API <see cref="Max"/>: tools gate features on this pair.</summary>
    public const string EngineVersion = "27.5.1";

    private const string ItemKey = "docker-api-version";

    public static Version MaxVersion { get; } = new(1, 47);
    public static Version MinVersion { get; } = new(1, 24);

    /// <summary>The version of a "/v1.41/…" request, or <see cref="MaxVersion"/> for unversioned ones.</summary>
    public static Version Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is Version version ? version : MaxVersion;

    internal static void Set(HttpContext context, Version version) => context.Items[ItemKey] = version;

    /// <summary>Splits "/v1.41/containers/json" into the version and the rest; false when there is no prefix.</summary>
    internal static bool TryStrip(PathString path, out Version version, out PathString rest)
    {
        version = MaxVersion;
        rest = path;
        var value = path.Value ?? "";
        if (value.Length < 3 || value[1] != 'v')
        {
            return false;
        }

        var end = value.IndexOf('/', 2);
        var text = end < 0 ? value[2..] : value[2..end];
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new Version(major, minor);
        rest = end < 0 ? new PathString("/") : new PathString(value[end..]);
        return true;
    }

    internal static string Text(Version version) => version.ToString(2);
}
