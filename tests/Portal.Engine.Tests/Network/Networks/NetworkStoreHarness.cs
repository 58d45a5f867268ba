using Portal.Engine.Network.Networks;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Network.Networks;

/// <summary>A temp engine root and a way to open the store on it again, as a restart would.</summary>
public abstract class NetworkStoreHarness : IDisposable
{
    private readonly TempDirectory temp = new();

    internal FakeHostRoutes Routes { get; } = new("192.0.2.0/24", "192.0.2.2/32");

    protected List<string> Unreadable { get; } = [];

    protected string Root => temp.Path;

    protected string NetworksDirectory => temp.Combine("networks");

    public void Dispose()
    {
        temp.Dispose();
        GC.SuppressFinalize(this);
    }

    protected NetworkStore Open(NetworkOptions? options = null) =>
        new(Root, options, Routes, onUnreadable: (file, _) => Unreadable.Add(Path.GetFileName(file)));

    protected static NetworkCreateRequest Request(string name, string? subnet = null, string? gateway = null) =>
        new() { Name = name, Subnet = subnet, Gateway = gateway };
}
