using MudBlazor;

namespace Portal.Client.Components.Deploy;

/// <summary>Opens the deploy dialog for an appliance version (from the catalogue grid or the detail page).</summary>
public static class DeployDialogs
{
    public static Task<IDialogReference> ShowAsync(IDialogService dialogs, int versionId)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.ShowAsync<DeployDialog>("Deploy", new DialogParameters<DeployDialog> { { d => d.VersionId, versionId } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
    }
}
