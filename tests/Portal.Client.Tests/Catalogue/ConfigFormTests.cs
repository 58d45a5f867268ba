using System.Text.Json;
using Portal.Client.Components.Deploy;
using static Portal.Client.Tests.Catalogue.Settings;

namespace Portal.Client.Tests.Catalogue;

/// <summary>The deploy form's logic without rendering: fields from settings, validation, the config JSON.</summary>
public sealed class ConfigFormTests
{
    [Fact]
    public void Each_setting_becomes_a_field_of_its_kind_with_its_default_filled()
    {
        var form = new ConfigForm(All);

        Assert.Equal(["adminEmail", "greeting", "theme", "maxNotes", "ratio", "registration", "adminPassword"], form.Fields.Select(f => f.Key));
        Assert.Equal([ConfigFieldKind.Text, ConfigFieldKind.Text, ConfigFieldKind.Choice, ConfigFieldKind.Integer, ConfigFieldKind.Number,
            ConfigFieldKind.Boolean, ConfigFieldKind.Secret], form.Fields.Select(f => f.Kind));
        Assert.Equal([null, "Hello", "light", "500", null, null, null], form.Fields.Select(f => f.Text));
        Assert.True(form["registration"]!.Boolean);
        Assert.Equal(["light", "dark"], form["theme"]!.Choices);
    }

    [Fact]
    public void The_config_json_carries_each_value_as_its_settings_json_type_and_leaves_empty_ones_to_the_server()
    {
        var form = new ConfigForm(All);
        form["adminEmail"]!.Set("me@example.com");
        form["ratio"]!.Set("1.5");
        form["maxNotes"]!.Set("-0");
        form["maxNotes"]!.Set("42");
        form["registration"]!.Set(false);

        var config = form.ToConfig();

        Assert.True(form.IsValid);
        Assert.Equal("""{"adminEmail":"me@example.com","greeting":"Hello","theme":"light","maxNotes":42,"ratio":1.5,"registration":false}""",
            config.ToJsonString());
        Assert.Equal(JsonValueKind.Number, config["maxNotes"]!.GetValueKind());
        Assert.Equal(JsonValueKind.False, config["registration"]!.GetValueKind());
        Assert.False(config.ContainsKey("adminPassword"));
    }

    [Theory]
    [InlineData("adminEmail", "", "Admin e-mail is required.")]
    [InlineData("adminEmail", "ab", "Must be at least 3 characters.")]
    [InlineData("adminEmail", "an-address-far-too-long-for-the-limit@example.com", "Must be at most 40 characters.")]
    [InlineData("adminEmail", "no-at-sign", "Must match the pattern ^[^@]+@[^@]+$.")]
    [InlineData("maxNotes", "12.5", "Must be a whole number.")]
    [InlineData("maxNotes", "0", "Must be at least 1.")]
    [InlineData("maxNotes", "10001", "Must be at most 10000.")]
    [InlineData("ratio", "1,5", "Must be a number (use . for decimals).")]
    [InlineData("ratio", "0.25", "Must be at least 0.5.")]
    [InlineData("ratio", "3", "Must be at most 2.5.")]
    [InlineData("theme", "blue", "Must be one of: light, dark.")]
    public void A_value_breaking_a_rule_is_reported_in_words_and_makes_the_form_invalid(string key, string value, string message)
    {
        var form = new ConfigForm(All);
        form["adminEmail"]!.Set("me@example.com");
        Assert.True(form.IsValid);

        form[key]!.Set(value);

        Assert.Equal(message, form[key]!.Validate());
        Assert.Equal(message, form.Validate()[key]);
        Assert.False(form.IsValid);
    }

    [Fact]
    public void Problems_of_untouched_fields_show_only_once_a_submit_was_tried()
    {
        var field = new ConfigForm(All)["adminEmail"]!;

        Assert.Null(field.VisibleError(submitTried: false));
        Assert.Equal("Admin e-mail is required.", field.VisibleError(submitTried: true));
        field.Set("x");
        Assert.Equal("Must be at least 3 characters.", field.VisibleError(submitTried: false));
    }

    [Fact]
    public void Generate_draws_the_requested_length_from_the_settings_alphabet_and_a_plain_secret_gets_32_characters()
    {
        var form = new ConfigForm([.. All, Setting("token", "string", secret: true, maxLength: 20)]);
        var password = form["adminPassword"]!;

        password.Generate();
        var first = password.Text;
        password.Generate();

        Assert.Equal(24, first!.Length);
        Assert.All(first, c => Assert.Contains(c, "abc123"));
        Assert.NotEqual(first, password.Text);
        Assert.True(password.Touched);
        var token = form["token"]!;
        Assert.True(token.CanGenerate);
        token.Generate();
        Assert.Equal(20, token.Text!.Length);
        Assert.False(form["greeting"]!.CanGenerate);
    }

    [Fact]
    public void Server_problems_naming_a_setting_go_under_it_until_it_changes_and_the_rest_are_returned()
    {
        var form = new ConfigForm(All);

        var rest = form.ApplyServerProblems(["config.maxNotes: 0 is below the minimum 1", "refused: memory over the quota by 128 MiB"]);

        Assert.Equal(["refused: memory over the quota by 128 MiB"], rest);
        Assert.Equal("0 is below the minimum 1", form["maxNotes"]!.VisibleError(false));
        form["maxNotes"]!.Set("5");
        Assert.Null(form["maxNotes"]!.VisibleError(false));
    }
}
