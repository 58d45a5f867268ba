using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Client.Layout;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Layout;

public sealed class NavMenuTests : MudTestContext
{
    [Theory]
    [InlineData("admin", "Dashboard")]
    [InlineData("admin/users", "Users")]
    [InlineData("admin/teams", "Teams")]
    [InlineData("admin/audit", "Audit log")]
    public void Only_the_open_admin_page_is_marked_current(string path, string current)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("root-admin");
        auth.SetRoles("admin");
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);

        var menu = Render<NavMenu>();

        var active = menu.FindAll("a.active").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal([current], active);
    }
}
