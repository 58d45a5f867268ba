using System.Globalization;
using Portal.Engine.Network.Netlink;

namespace Portal.Engine.Tests.Network.Netlink;

/// <summary>
/// Names test links and namespaces pt-&lt;kind&gt;-&lt;random&gt; and removes every one of them on dispose,
/// also when the test failed half-way.
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    private readonly List<string> _links = [];
    private readonly List<NetworkNamespace> _namespaces = [];

    public string Id { get; } = Random.Shared.Next(0x1000, 0x10000).ToString("x4", CultureInfo.InvariantCulture);

    public NetlinkClient Client { get; } = NetlinkClient.Open();

    /// <summary>A link name in this namespace, deleted at the end if it exists then.</summary>
    public string Link(string kind)
    {
        var name = $"pt-{kind}-{Id}";
        _links.Add(name);
        return name;
    }

    /// <summary>`ip netns add pt-ns-&lt;id&gt;`, deleted at the end with everything inside it.</summary>
    public async Task<NetworkNamespace> NamespaceAsync()
    {
        var netns = await NetworkNamespace.AddNamedAsync($"pt-ns-{Id}", TestContext.Current.CancellationToken);
        _namespaces.Add(netns);
        return netns;
    }

    public static string NamespaceName(NetworkNamespace netns) => Path.GetFileName(netns.Path);

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links)
        {
            await Client.DeleteLinkIfExistsAsync(link, CancellationToken.None);
        }

        Client.Dispose();
        foreach (var netns in _namespaces)
        {
            netns.Dispose();
            await NetworkNamespace.DeleteNamedAsync(NamespaceName(netns), CancellationToken.None);
        }
    }
}
