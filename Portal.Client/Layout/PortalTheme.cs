using MudBlazor;

namespace Portal.Client.Layout;

public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3f51b5", AppbarBackground = "#3f51b5" },
        PaletteDark = new PaletteDark { Primary = "#7986cb" },
    };
}
