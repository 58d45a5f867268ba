namespace Portal.Server.Catalogues.Manifests;

/// <summary>
/// One problem found in a manifest or in config values. <see cref="Path"/> names the key
/// (<c>services.web.privileged</c>, <c>x-appliance.webUi.port</c>, <c>config.adminEmail</c>); an empty path is the
/// whole document. <see cref="Line"/> and <see cref="Column"/> (1-based) are set when the YAML position is known and
/// are then also part of <see cref="Message"/>.
/// </summary>
public sealed record ManifestProblem(string Path, string Message, int? Line = null, int? Column = null)
{
    public static ManifestProblem At(string path, string message, SourceMark? mark) =>
        mark is { } m
            ? new ManifestProblem(path, $"{message} (line {m.Line}, column {m.Column})", m.Line, m.Column)
            : new ManifestProblem(path, message);

    /// <summary>Places this problem under a prefix, as a catalogue does for its appliances (<c>appliances[1]</c>).</summary>
    public ManifestProblem Under(string prefix) => this with { Path = ManifestPath.Join(prefix, Path) };

    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
