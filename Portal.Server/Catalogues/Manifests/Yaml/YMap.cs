namespace Portal.Server.Catalogues.Manifests.Yaml;

/// <summary>A mapping with string keys, in document order, duplicates already removed (and reported).</summary>
internal sealed record YMap(SourceMark Mark, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(Mark)
{
    public YNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    public override string Describe() => "a mapping";
}
