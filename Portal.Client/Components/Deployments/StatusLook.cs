namespace Portal.Client.Components.Deployments;

/// <summary>How a deployment status shows: a colour, an icon and a word; colour is never the only signal.</summary>
public readonly record struct StatusLook(MudBlazor.Color Color, string Icon, string Text)
{
    public static StatusLook Of(string status) => status switch
    {
        "Running" => new(MudBlazor.Color.Success, MudBlazor.Icons.Material.Filled.CheckCircle, "Running"),
        "Pending" or "Creating" or "Starting" => new(MudBlazor.Color.Info, MudBlazor.Icons.Material.Filled.HourglassTop, status),
        "Exited" => new(MudBlazor.Color.Default, MudBlazor.Icons.Material.Filled.StopCircle, "Exited"),
        "Unhealthy" => new(MudBlazor.Color.Warning, MudBlazor.Icons.Material.Filled.Warning, "Unhealthy"),
        "Failed" => new(MudBlazor.Color.Error, MudBlazor.Icons.Material.Filled.Error, "Failed"),
        "Removed" => new(MudBlazor.Color.Dark, MudBlazor.Icons.Material.Filled.Delete, "Removed"),
        _ => new(MudBlazor.Color.Default, MudBlazor.Icons.Material.Filled.Help, status),
    };
}
