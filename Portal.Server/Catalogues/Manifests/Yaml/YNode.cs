namespace Portal.Server.Catalogues.Manifests.Yaml;

/// <summary>A node of the YAML tree the manifest reader walks: positions kept, aliases resolved, duplicates reported.</summary>
internal abstract record YNode(SourceMark Mark)
{
    public abstract string Describe();
}
