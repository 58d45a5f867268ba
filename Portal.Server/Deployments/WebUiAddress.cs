using System.Globalization;

namespace Portal.Server.Deployments;

/// <summary>Where a deployment's web UI answers on the host: <c>{scheme}://{host}:{port}{path}</c>.</summary>
public sealed record WebUiAddress(string Scheme, int HostPort, string Path)
{
    /// <summary>The URL for <paramref name="host"/> (Portal:PublicHost, or the host name the caller used).</summary>
    public Uri Url(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var shown = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{Scheme}://{shown}:{HostPort}{Path}"));
    }
}
