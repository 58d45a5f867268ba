namespace Portal.E2E.TestSupport;

/// <summary>A <see cref="PortalApp"/> without the demo catalogue: starts faster, for journeys that bring their own appliances.</summary>
public sealed class PortalAppWithoutDemo : PortalApp
{
    public PortalAppWithoutDemo()
        : base(demoCatalogue: false)
    {
    }
}
