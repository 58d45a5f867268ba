using System.Text.Json.Nodes;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues;

public sealed class ConfigInterpolationTests
{
    private static readonly JsonObject Values = new()
    {
        ["name"] = "Ann",
        ["count"] = 3,
        ["ratio"] = 0.25,
        ["open"] = true,
    };

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${config.name}", "Ann")]
    [InlineData("hi ${config.name}, ${config.count} x ${config.ratio} ${config.open}", "hi Ann, 3 x 0.25 true")]
    [InlineData("costs $$5 and $${config.name}", "costs $5 and ${config.name}")]
    [InlineData("${config.missing}!", "!")]
    public void Renders_values(string template, string expected) =>
        Assert.Equal(expected, ConfigInterpolation.Render(template, Values));

    [Theory]
    [InlineData("$HOME")]
    [InlineData("${HOME}")]
    [InlineData("${config.}")]
    [InlineData("${config.a-b}")]
    [InlineData("trailing $")]
    public void Other_dollar_forms_are_errors(string template)
    {
        var (_, errors) = ConfigInterpolation.Inspect(template);
        Assert.Contains("is not a config reference", Assert.Single(errors));
        Assert.Throws<FormatException>(() => ConfigInterpolation.Render(template, Values));
    }

    [Fact]
    public void Inspect_lists_the_referenced_keys()
    {
        var (keys, errors) = ConfigInterpolation.Inspect("${config.a}-${config.b_2}$$${config.a}");
        Assert.Empty(errors);
        Assert.Equal(["a", "b_2", "a"], keys);
    }
}
