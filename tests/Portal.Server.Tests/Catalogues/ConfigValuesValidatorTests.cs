using System.Text.Json.Nodes;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues;

public sealed class ConfigValuesValidatorTests
{
    private static readonly ConfigSchema Schema = ManifestYaml.Valid(appliance: """
        config:
          required: [adminEmail]
          properties:
            adminEmail: {type: string, pattern: "^[^@]+@[^@]+$"}
            greeting: {type: string, default: Hello, maxLength: 10}
            theme: {type: string, enum: [light, dark], default: light}
            maxNotes: {type: integer, minimum: 1, maximum: 100, default: 50}
            ratio: {type: number}
            open: {type: boolean, default: false}
            password: {type: string, x-generate: {length: 24, alphabet: "ab"}}
            pin: {type: string, x-generate: {length: 6, alphabet: "0123456789"}, x-secret: false}
            apiKey: {type: string, x-secret: true}
        """).Appliance.Config;

    [Fact]
    public void Defaults_are_filled_and_secrets_generated()
    {
        var result = ConfigValuesValidator.Validate(Schema, new JsonObject { ["adminEmail"] = "a@b.c", ["maxNotes"] = 7 });
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var v = result.Values;
        Assert.Equal("a@b.c", v["adminEmail"]!.GetValue<string>());
        Assert.Equal("Hello", v["greeting"]!.GetValue<string>());
        Assert.Equal("light", v["theme"]!.GetValue<string>());
        Assert.Equal(7, v["maxNotes"]!.GetValue<int>());
        Assert.False(v["open"]!.GetValue<bool>());
        Assert.False(v.ContainsKey("ratio"));
        Assert.False(v.ContainsKey("apiKey"));

        var password = v["password"]!.GetValue<string>();
        Assert.Equal(24, password.Length);
        Assert.All(password, c => Assert.Contains(c, "ab"));
        var pin = v["pin"]!.GetValue<string>();
        Assert.Equal(6, pin.Length);
        Assert.All(pin, c => Assert.True(char.IsAsciiDigit(c)));
        Assert.Equal(["password", "pin"], result.GeneratedKeys);

        Assert.True(result.IsSecret("password"));
        Assert.True(result.IsSecret("apiKey"));
        Assert.False(result.IsSecret("pin"));
        Assert.False(result.IsSecret("adminEmail"));
    }

    [Fact]
    public void Generated_values_differ_between_deploys_and_given_ones_are_kept()
    {
        var first = ConfigValuesValidator.Validate(Schema, new JsonObject { ["adminEmail"] = "a@b.c" });
        var second = ConfigValuesValidator.Validate(Schema, new JsonObject { ["adminEmail"] = "a@b.c" });
        Assert.NotEqual(first.Values["password"]!.GetValue<string>(), second.Values["password"]!.GetValue<string>());

        var upgrade = ConfigValuesValidator.Validate(Schema, first.Values);
        Assert.Equal(first.Values["password"]!.GetValue<string>(), upgrade.Values["password"]!.GetValue<string>());
        Assert.Empty(upgrade.GeneratedKeys);
    }

    [Fact]
    public void Generation_uses_the_whole_alphabet()
    {
        var value = ConfigValuesValidator.Generate(new ConfigGenerate(4096, "xyz"));
        Assert.Equal(4096, value.Length);
        Assert.Equal(["x", "y", "z"], value.Distinct().Order().Select(c => c.ToString()));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        var result = ConfigValuesValidator.Validate(Schema, new JsonObject
        {
            ["greeting"] = "far too long a greeting",
            ["theme"] = "blue",
            ["maxNotes"] = 1000,
            ["ratio"] = "half",
            ["open"] = "yes",
            ["colour"] = "red",
        });
        Assert.Equal(
            ["config.adminEmail", "config.colour", "config.greeting", "config.maxNotes", "config.open", "config.ratio", "config.theme"],
            result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Equal("config.adminEmail: required", result.Problems.Single(p => p.Path == "config.adminEmail").ToString());
        Assert.Equal("config.colour: unknown setting", result.Problems.Single(p => p.Path == "config.colour").ToString());
        Assert.Equal("config.ratio: expected a number, got \"half\"", result.Problems.Single(p => p.Path == "config.ratio").ToString());
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Pattern_is_enforced_by_the_json_schema()
    {
        var result = ConfigValuesValidator.Validate(Schema, new JsonObject { ["adminEmail"] = "not-an-address" });
        Assert.Equal("config.adminEmail", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void No_values_and_no_settings_is_valid()
    {
        var result = ConfigValuesValidator.Validate(ConfigSchema.Empty, null);
        Assert.True(result.IsValid);
        Assert.Empty(result.Values);
    }
}
