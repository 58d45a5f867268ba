using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues;

/// <summary>A valid minimal manifest with places to add lines: service keys at 4 spaces, x-appliance keys at 2.</summary>
internal static class ManifestYaml
{
    public static string Build(string service = "", string appliance = "", string top = "") => $$"""
        x-appliance:
          manifestVersion: 1
          id: com.example.notes
          version: 1.2.0
          title: Notes
          webUi:
            port: 8080
        {{Indent(appliance, 2)}}
        services:
          web:
            image: example/notes:1.2.0
        {{Indent(service, 4)}}
        volumes:
          data: {}
        {{top}}
        """;

    public static ManifestParseResult Parse(string service = "", string appliance = "", string top = "", ManifestTrust trust = ManifestTrust.Vendor) =>
        ApplianceManifestParser.Parse(Build(service, appliance, top), trust);

    public static ApplianceManifest Valid(string service = "", string appliance = "", string top = "")
    {
        var result = Parse(service, appliance, top);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Manifest!;
    }

    /// <summary>The single problem of a manifest that must have exactly one.</summary>
    public static ManifestProblem Single(string service = "", string appliance = "", string top = "")
    {
        var result = Parse(service, appliance, top);
        return Assert.Single(result.Problems);
    }

    private static string Indent(string lines, int spaces) =>
        string.Join("\n", lines.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));
}
