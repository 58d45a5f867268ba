namespace Portal.Engine.Network.Networks;

/// <summary>networks/&lt;id&gt;.json: one network and its leases, replaced atomically on every change.</summary>
internal sealed class NetworkFile
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public NetworkDriver Driver { get; set; }

    public string? Subnet { get; set; }

    public string? Gateway { get; set; }

    public string? Bridge { get; set; }

    public bool Internal { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public DateTimeOffset Created { get; set; }

    public bool Predefined { get; set; }

    /// <summary>Where the next automatic allocation starts.</summary>
    public string? NextAddress { get; set; }

    /// <summary>Container id → leased address.</summary>
    public Dictionary<string, string> Leases { get; set; } = [];
}
