using Bunit;
using Portal.Client.Components.Deploy;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.Catalogue.Controls;

namespace Portal.Client.Tests.Catalogue;

/// <summary>The schema-driven config form as rendered: labelled controls, defaults, secrets, messages.</summary>
public sealed class ConfigFormViewTests : MudTestContext
{
    [Fact]
    public void Each_setting_gets_one_labelled_control_of_its_type_with_its_default_filled()
    {
        var view = Render<ConfigFormView>(p => p.Add(v => v.Form, new ConfigForm(Settings.All)));

        Assert.Equal(Settings.All.Count, view.FindAll(".portal-config-field").Count);
        Assert.Equal("", Labelled(view, "Admin e-mail").GetAttribute("value") ?? "");
        Assert.Equal("true", Labelled(view, "Admin e-mail").GetAttribute("aria-required"));
        Assert.Equal("Hello", Labelled(view, "Greeting").GetAttribute("value"));
        Assert.Equal("light", Labelled(view, "Theme").GetAttribute("value"));
        Assert.Equal("light", view.Find("[role=combobox][aria-label='Theme']").TextContent.Trim());
        Assert.Equal("500", Labelled(view, "Maximum notes").GetAttribute("value"));
        Assert.Equal("numeric", Labelled(view, "Maximum notes").GetAttribute("inputmode"));
        Assert.Equal("decimal", Labelled(view, "Ratio").GetAttribute("inputmode"));
        var registration = Labelled(view, "Open registration");
        Assert.Equal(("switch", "true"), (registration.GetAttribute("role"), registration.GetAttribute("aria-checked")));
        Assert.Equal("password", Labelled(view, "Admin password").GetAttribute("type"));
    }

    [Fact]
    public void A_secret_is_masked_until_shown_and_Generate_fills_the_requested_length()
    {
        var form = new ConfigForm(Settings.All);
        var view = Render<ConfigFormView>(p => p.Add(v => v.Form, form));

        Button(view, "Generate Admin password").Click();

        var value = Labelled(view, "Admin password").GetAttribute("value");
        Assert.Equal(24, value!.Length);
        Assert.All(value, c => Assert.Contains(c, "abc123"));
        Assert.Equal(value, form["adminPassword"]!.Text);
        Assert.Equal("password", Labelled(view, "Admin password").GetAttribute("type"));
        Button(view, "Show Admin password").Click();
        Assert.Equal("text", Labelled(view, "Admin password").GetAttribute("type"));
        Button(view, "Hide Admin password").Click();
        Assert.Equal("password", Labelled(view, "Admin password").GetAttribute("type"));
    }

    [Fact]
    public void Invalid_values_show_their_message_under_the_field_as_typed_and_required_ones_once_a_submit_was_tried()
    {
        var form = new ConfigForm(Settings.All);
        var view = Render<ConfigFormView>(p => p.Add(v => v.Form, form));
        Assert.DoesNotContain("Admin e-mail is required.", view.Markup, StringComparison.Ordinal);

        Labelled(view, "Maximum notes").Input("0");
        Labelled(view, "Ratio").Input("abc");

        view.WaitForAssertion(() => Assert.Contains("Must be at least 1.", view.Markup, StringComparison.Ordinal));
        Assert.Contains("Must be a number (use . for decimals).", view.Markup, StringComparison.Ordinal);
        Assert.Equal("true", Labelled(view, "Maximum notes").GetAttribute("aria-invalid"));
        view.Render(p => p.Add(v => v.SubmitTried, true));
        Assert.Contains("Admin e-mail is required.", view.Markup, StringComparison.Ordinal);
        Assert.False(form.IsValid);
    }
}
