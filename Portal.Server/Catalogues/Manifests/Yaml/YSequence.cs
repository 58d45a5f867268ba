namespace Portal.Server.Catalogues.Manifests.Yaml;

internal sealed record YSequence(SourceMark Mark, IReadOnlyList<YNode> Items) : YNode(Mark)
{
    public override string Describe() => "a list";
}
