namespace Portal.Server.Catalogues.Manifests;

/// <summary>A 1-based position in the YAML text.</summary>
public readonly record struct SourceMark(int Line, int Column);
