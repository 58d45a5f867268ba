using System.Security.Cryptography;
using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Network.Networks;

/// <summary>
/// Networks under &lt;root&gt;/networks/&lt;id&gt;.json, one file per network holding its definition and leases,
/// replaced atomically (temp, fsync, rename, directory fsync) before any change is reported, so a restart never
/// hands out an address twice. The predefined bridge, none and host networks are created on first open.
/// </summary>
public sealed partial class NetworkStore : INetworkStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NetworkState> _networks = new(StringComparer.Ordinal);
    private readonly NetworkOptions _options;
    private readonly IHostRoutes _hostRoutes;
    private readonly TimeProvider _time;

    /// <param name="rootDirectory">The engine root (EngineOptions.RootDirectory).</param>
    /// <param name="options">Address pools and default bridge settings; null for Docker's defaults.</param>
    /// <param name="hostRoutes">Source of the host's routes; null reads /proc.</param>
    /// <param name="time">Clock for creation times; null for the system clock.</param>
    /// <param name="onUnreadable">Told about a network file that cannot be read; the file is kept for inspection.</param>
    public NetworkStore(string rootDirectory, NetworkOptions? options = null, IHostRoutes? hostRoutes = null,
        TimeProvider? time = null, Action<string, Exception>? onUnreadable = null)
    {
        ArgumentNullException.ThrowIfNull(rootDirectory);
        _options = options ?? new NetworkOptions();
        _hostRoutes = hostRoutes ?? new ProcHostRoutes();
        _time = time ?? TimeProvider.System;
        Directory = Path.Combine(rootDirectory, "networks");
        System.IO.Directory.CreateDirectory(Directory);
        Load(onUnreadable ?? ((_, _) => { }));
        EnsurePredefined();
    }

    public string Directory { get; }

    public NetworkDefinition Default => Get(NetworkNames.Bridge);

    public NetworkDefinition Get(string idOrName) =>
        Find(idOrName) ?? throw new NotFoundException($"network {idOrName} not found");

    public NetworkDefinition? Find(string idOrName)
    {
        lock (_lock)
        {
            return Resolve(idOrName)?.Definition;
        }
    }

    public IReadOnlyList<NetworkDefinition> List()
    {
        lock (_lock)
        {
            return
            [
                .. _networks.Values.Select(n => n.Definition)
                    .OrderBy(d => d.Predefined ? NetworkNamesOrder(d.Name) : int.MaxValue)
                    .ThenBy(d => d.Created)
                    .ThenBy(d => d.Name, StringComparer.Ordinal),
            ];
        }
    }

    private static int NetworkNamesOrder(string name) =>
        NetworkNames.Predefined.ToList().IndexOf(name);

    /// <summary>Docker's order: full id, exact name, then a unique id prefix.</summary>
    private NetworkState? Resolve(string idOrName)
    {
        if (string.IsNullOrEmpty(idOrName))
        {
            return null;
        }

        if (_networks.TryGetValue(idOrName, out var byId))
        {
            return byId;
        }

        var byName = _networks.Values.FirstOrDefault(n => n.Definition.Name == idOrName);
        if (byName is not null)
        {
            return byName;
        }

        var byPrefix = _networks.Values.Where(n => n.Definition.Id.StartsWith(idOrName, StringComparison.Ordinal)).ToList();
        return byPrefix.Count switch
        {
            0 => null,
            1 => byPrefix[0],
            _ => throw new InvalidArgumentException(
                $"network {idOrName} is ambiguous ({byPrefix.Count} matches found based on ID prefix)"),
        };
    }

    private NetworkState ResolveOrThrow(string idOrName) =>
        Resolve(idOrName) ?? throw new NotFoundException($"network {idOrName} not found");

    private void EnsurePredefined()
    {
        lock (_lock)
        {
            if (FindByName(NetworkNames.Bridge) is null)
            {
                var subnet = _options.DefaultBridgeSubnet is { } text
                    ? ValidateSubnet(text, NetworkNames.Bridge)
                    : SelectSubnet();
                AddNew(new NetworkDefinition
                {
                    Id = NewId(),
                    Name = NetworkNames.Bridge,
                    Driver = NetworkDriver.Bridge,
                    Subnet = subnet,
                    Gateway = subnet.FirstHost,
                    BridgeName = ValidateBridgeName(_options.DefaultBridgeInterface),
                    Created = _time.GetUtcNow(),
                    Predefined = true,
                });
            }

            foreach (var (name, driver) in new[] { (NetworkNames.None, NetworkDriver.Null), (NetworkNames.Host, NetworkDriver.Host) })
            {
                if (FindByName(name) is null)
                {
                    AddNew(new NetworkDefinition
                    {
                        Id = NewId(),
                        Name = name,
                        Driver = driver,
                        Created = _time.GetUtcNow(),
                        Predefined = true,
                    });
                }
            }
        }
    }

    private NetworkState? FindByName(string name) => _networks.Values.FirstOrDefault(n => n.Definition.Name == name);

    private static string ValidateBridgeName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 15 || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)))
        {
            throw new InvalidArgumentException(
                $"invalid bridge interface name \"{name}\": 1 to 15 characters without '/', ':' or spaces");
        }

        return name;
    }

    /// <summary>A fresh 64-hex id whose 12-character prefix (the bridge name's suffix) is unused.</summary>
    private string NewId()
    {
        while (true)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            if (!_networks.Keys.Any(k => k.AsSpan(0, 12).SequenceEqual(id.AsSpan(0, 12))))
            {
                return id;
            }
        }
    }
}
