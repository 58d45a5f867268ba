using Microsoft.AspNetCore.Components.Rendering;
using Portal.Client.Components.Logs;

namespace Portal.Client.Tests.Logs;

/// <summary>The log viewer, counting its own renders (bUnit's RenderCount also counts its children's, e.g. Virtualize's).</summary>
public sealed class CountingLogViewer : LogViewer
{
    public int Renders { get; private set; }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        Renders++;
        base.BuildRenderTree(__builder);
    }
}
