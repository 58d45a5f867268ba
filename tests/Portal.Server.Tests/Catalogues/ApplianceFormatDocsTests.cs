using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Portal.Server.Catalogues.Manifests;
using Portal.Server.Catalogues.Manifests.Yaml;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Catalogues;

public sealed partial class ApplianceFormatDocsTests
{
    private static readonly string Docs = Path.Combine(PortalServerProcess.RepoRoot, "docs");

    private static string FullExample()
    {
        var markdown = File.ReadAllText(Path.Combine(Docs, "appliance-format.md"));
        var section = markdown[markdown.IndexOf("## Full example", StringComparison.Ordinal)..];
        return FencedYaml().Match(section).Groups[1].Value;
    }

    [Fact]
    public void The_full_example_in_the_docs_parses_clean()
    {
        var result = ApplianceManifestParser.Parse(FullExample());
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var m = result.Manifest!;
        Assert.Equal("com.example.notes", m.Appliance.Id);
        Assert.Equal(6, m.Appliance.Config.Settings.Count);
        Assert.Equal(["notes"], m.Appliance.KeepVolumes);

        var values = ConfigValuesValidator.Validate(m.Appliance.Config, new JsonObject { ["adminEmail"] = "ann@example.com" });
        Assert.True(values.IsValid, string.Join("\n", values.Problems));
        var env = m.Service.Environment.ToDictionary(e => e.Key, e => ConfigInterpolation.Render(e.Value, values.Values));
        Assert.Equal("ann@example.com", env["NOTES_ADMIN"]);
        Assert.Equal(24, env["NOTES_PASSWORD"].Length);
        Assert.Equal("500", env["NOTES_MAX"]);
        Assert.Equal("false", env["NOTES_REGISTRATION"]);
        Assert.Equal("costs $0", env["NOTES_PRICE_NOTE"]);
    }

    [Fact]
    public void The_schema_file_is_a_valid_json_schema_that_accepts_the_example()
    {
        var schemaText = File.ReadAllText(Path.Combine(Docs, "appliance.schema.json"));
        using var schemaDoc = JsonDocument.Parse(schemaText);
        var meta = MetaSchemas.Draft202012.Evaluate(schemaDoc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(meta.IsValid, string.Join("\n", (meta.Details ?? []).SelectMany(d => d.Errors?.Select(e => $"{d.InstanceLocation}: {e.Value}") ?? [])));

        var schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        Assert.True(Accepts(schema, FullExample()));
        Assert.False(Accepts(schema, FullExample().Replace("    restart: unless-stopped", "    privileged: true", StringComparison.Ordinal)));
        Assert.False(Accepts(schema, FullExample().Replace("  manifestVersion: 1", "  manifestVersion: 2", StringComparison.Ordinal)));
    }

    private static bool Accepts(JsonSchema schema, string yaml)
    {
        var problems = new List<ManifestProblem>();
        var json = ToJson(YamlTreeReader.Read(yaml, problems)!);
        Assert.Empty(problems);
        using var doc = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        return schema.Evaluate(doc.RootElement).IsValid;
    }

    private static JsonNode? ToJson(YNode node) => node switch
    {
        YScalar s => s.ToJson(),
        YSequence seq => new JsonArray([.. seq.Items.Select(ToJson)]),
        YMap map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedYaml();
}
