using System.Text.Json.Nodes;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues;

public sealed class ApplianceConfigSchemaTests
{
    private static ManifestParseResult WithConfig(string properties, string extra = "") => ManifestYaml.Parse(appliance: $"""
        config:
          type: object
        {extra}
          properties:
        {string.Join("\n", properties.Split('\n').Select(l => "    " + l))}
        """);

    [Fact]
    public void Settings_are_read_with_their_schema()
    {
        var result = WithConfig("""
            email: {type: string, title: E-mail, pattern: "^[^@]+@[^@]+$", minLength: 3}
            theme: {type: string, enum: [light, dark], default: dark}
            count: {type: integer, minimum: 1, maximum: 10, default: 5}
            ratio: {type: number, default: 0.5}
            open: {type: boolean, default: false}
            password: {type: string, x-generate: {length: 12, alphabet: abc}}
            token: {type: string, x-secret: true}
            """, "  required: [email]");
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var config = result.Manifest!.Appliance.Config;
        Assert.Equal(["email", "theme", "count", "ratio", "open", "password", "token"], config.Settings.Select(s => s.Key));
        Assert.True(config.Find("email")!.Required);
        Assert.False(config.Find("theme")!.Required);
        Assert.Equal("dark", config.Find("theme")!.Default!.GetValue<string>());
        Assert.Equal(5, config.Find("count")!.Default!.GetValue<long>());
        Assert.Equal(ConfigType.Boolean, config.Find("open")!.Type);
        Assert.Equal(new ConfigGenerate(12, "abc"), config.Find("password")!.Generate);
        Assert.True(config.Find("password")!.Secret);
        Assert.True(config.Find("token")!.Secret);
        Assert.False(config.Find("email")!.Secret);

        var schema = config.ToJsonSchema();
        Assert.Equal(JsonArray.Parse("[\"email\"]")!.ToJsonString(), schema["required"]!.ToJsonString());
        Assert.Equal("^[^@]+@[^@]+$", schema["properties"]!["email"]!["pattern"]!.GetValue<string>());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("a: {type: date}", "x-appliance.config.properties.a.type", "unknown type \"date\"")]
    [InlineData("a: {title: A}", "x-appliance.config.properties.a.type", "missing")]
    [InlineData("a: {type: integer, default: 0, minimum: 1}", "x-appliance.config.properties.a.default", "does not match its own schema")]
    [InlineData("a: {type: string, default: abc, maxLength: 2}", "x-appliance.config.properties.a.default", "does not match its own schema")]
    [InlineData("a: {type: string, default: x, enum: [y, z]}", "x-appliance.config.properties.a.default", "does not match its own schema")]
    [InlineData("a: {type: string, default: abc, pattern: \"^[0-9]+$\"}", "x-appliance.config.properties.a.default", "does not match its own schema")]
    [InlineData("a: {type: integer, default: \"5\"}", "x-appliance.config.properties.a.default", "expected an integer, got \"5\"")]
    [InlineData("a: {type: boolean, default: 1}", "x-appliance.config.properties.a.default", "expected true or false, got an integer")]
    [InlineData("a: {type: integer, enum: [1, two]}", "x-appliance.config.properties.a.enum[1]", "expected an integer")]
    [InlineData("a: {type: string, minimum: 1}", "x-appliance.config.properties.a.minimum", "applies to integer and number settings only")]
    [InlineData("a: {type: integer, pattern: x}", "x-appliance.config.properties.a.pattern", "applies to string settings only")]
    [InlineData("a: {type: string, pattern: \"([\"}", "x-appliance.config.properties.a.pattern", "not a valid regular expression")]
    [InlineData("a: {type: integer, x-generate: {}}", "x-appliance.config.properties.a.x-generate", "applies to string settings only")]
    [InlineData("a: {type: string, default: x, x-generate: {}}", "x-appliance.config.properties.a.x-generate", "either a default or x-generate")]
    [InlineData("a: {type: string, x-generate: {length: 0}}", "x-appliance.config.properties.a.x-generate.length", "outside 1..4096")]
    [InlineData("a: {type: string, x-generate: {alphabet: aaa}}", "x-appliance.config.properties.a.x-generate.alphabet", "at least two different characters")]
    [InlineData("a: {type: string, maxLength: 8, x-generate: {length: 16}}", "x-appliance.config.properties.a.x-generate.length", "outside the setting's minLength/maxLength")]
    [InlineData("a: {type: integer, minimum: 5, maximum: 1}", "x-appliance.config.properties.a.minimum", "is above maximum")]
    [InlineData("a: {type: string, format: email}", "x-appliance.config.properties.a.format", "unknown key")]
    [InlineData("a-b: {type: string}", "x-appliance.config.properties.a-b", "a setting name is")]
    public void Setting_problems_are_reported(string property, string path, string message)
    {
        var problem = Assert.Single(WithConfig(property).Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Required_must_name_settings_and_additional_properties_stay_false()
    {
        var result = WithConfig("a: {type: string}", "  required: [a, b]\n  additionalProperties: true");
        Assert.Equal(
            ["x-appliance.config.additionalProperties", "x-appliance.config.required[1]"],
            result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_defaults_to_32_alphanumerics_and_x_secret_false_overrides()
    {
        var result = WithConfig("a: {type: string, x-generate: , x-secret: false}");
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var setting = result.Manifest!.Appliance.Config.Find("a")!;
        Assert.Equal(new ConfigGenerate(32, ConfigGenerate.DefaultAlphabet), setting.Generate);
        Assert.False(setting.Secret);
    }

    [Fact]
    public void Interpolation_of_an_unknown_setting_is_reported()
    {
        var result = ManifestYaml.Parse(
            service: "environment: {A: \"${config.a}\", B: \"x${config.b}\"}\ncommand: [echo, \"${config.c}\"]",
            appliance: "config: {properties: {a: {type: string}}}");
        Assert.Equal(
            [
                "services.web.command: ${config.c} names no setting in x-appliance.config",
                "services.web.environment.B: ${config.b} names no setting in x-appliance.config",
            ],
            result.Problems.Select(p => p.ToString()[..p.ToString().IndexOf(" (line", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
    }
}
