using Bunit;
using MudBlazor;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Harness;

public sealed class MudPopoverTests : MudTestContext
{
    [Fact]
    public void Select_opens_its_items_in_the_popover_provider_and_binds_the_choice()
    {
        var providers = RenderProviders();
        string? chosen = null;
        var select = Render<MudSelect<string>>(p => p
            .Add(s => s.Label, "Channel")
            .Add(s => s.ValueChanged, v => chosen = v)
            .AddChildContent<MudSelectItem<string>>(i => i.Add(x => x.Value, "stable"))
            .AddChildContent<MudSelectItem<string>>(i => i.Add(x => x.Value, "beta")));

        select.Find("div.mud-input-control").MouseDown();
        providers.WaitForAssertion(() => Assert.Equal(2, providers.FindAll("div.mud-list-item").Count));
        providers.FindAll("div.mud-list-item")[1].Click();

        Assert.Equal("beta", chosen);
    }

    [Fact]
    public void Button_is_inert_while_disabled()
    {
        var clicks = 0;
        var button = Render<MudButton>(p => p
            .Add(b => b.Disabled, true)
            .Add(b => b.OnClick, () => clicks++)
            .AddChildContent("Deploy"));

        Assert.True(button.Find("button").HasAttribute("disabled"));
        button.Render(p => p.Add(b => b.Disabled, false));
        button.Find("button").Click();

        Assert.Equal(1, clicks);
    }
}
