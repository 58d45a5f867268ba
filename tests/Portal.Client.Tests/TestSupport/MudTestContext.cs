using Bunit;
using MudBlazor;
using MudBlazor.Services;

namespace Portal.Client.Tests.TestSupport;

/// <summary>
/// Base class of every component test: a bUnit context with MudBlazor's services and loose JS interop
/// (MudBlazor calls JS on first render; tests assert on markup, not on those calls).
/// </summary>
/// <remarks>
/// MudBlazor registers services that are only <see cref="IAsyncDisposable"/> (KeyInterceptorService), so the
/// container must be disposed asynchronously: as an <see cref="IAsyncLifetime"/> the class is disposed through
/// <see cref="BunitContext.DisposeAsync"/> before <see cref="IDisposable.Dispose"/>, and a synchronous dispose
/// first would throw (MudBlazor#12403, bUnit#1638).
/// </remarks>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    /// <summary>
    /// How long WaitForAssertion/WaitForState wait. bUnit's 1 s default is too short on a loaded 2-core CI runner for
    /// components that batch renders on a timer (the log viewer's 100 ms): a wait only ends early when the assertion
    /// holds, so a long limit costs nothing when the component works.
    /// </summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    static MudTestContext() => DefaultWaitTimeout = WaitLimit;

    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>
    /// Renders the providers that popovers (MudSelect, MudMenu, MudAutocomplete), dialogs and snackbars draw into,
    /// as MainLayout does; call it before rendering a component that opens one, then find the popup in its markup.
    /// </summary>
    protected IRenderedComponent<MudPopoverProvider> RenderProviders()
    {
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudPopoverProvider>();
    }

    ValueTask IAsyncLifetime.InitializeAsync() => ValueTask.CompletedTask;
}
