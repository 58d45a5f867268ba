using System.Net;
using System.Text.Json;
using Portal.Engine.Images;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Network.Networks;

public sealed partial class NetworkStore
{
    private const string Extension = ".json";

    private string FileOf(string id) => Path.Combine(Directory, id + Extension);

    private void Load(Action<string, Exception> onUnreadable)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = Path.GetFileName(file);
            if (name.Contains(".tmp-", StringComparison.Ordinal))
            {
                // A write that crashed before its rename: the previous file (if any) is still whole.
                File.Delete(file);
                continue;
            }

            if (!name.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                var state = FromFile(JsonSerializer.Deserialize(File.ReadAllBytes(file), NetworkJsonContext.Default.NetworkFile)
                    ?? throw new InvalidDataException("the file holds null"));
                if (state.Definition.Id + Extension != name)
                {
                    throw new InvalidDataException($"the file holds network id {state.Definition.Id}");
                }

                if (FindByName(state.Definition.Name) is { } other)
                {
                    throw new InvalidDataException($"network name {state.Definition.Name} is already used by network {other.Definition.Id}");
                }

                _networks.Add(state.Definition.Id, state);
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or Errors.EngineException)
            {
                onUnreadable(file, ex);
            }
        }
    }

    private void WriteFile(NetworkState state)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(ToFile(state), NetworkJsonContext.Default.NetworkFile);
        AtomicFile.Write(FileOf(state.Definition.Id), bytes);
    }

    private void DeleteFile(string id)
    {
        File.Delete(FileOf(id));
        AtomicFile.SyncDirectory(Directory);
    }

    private static NetworkFile ToFile(NetworkState state)
    {
        var d = state.Definition;
        return new NetworkFile
        {
            Id = d.Id,
            Name = d.Name,
            Driver = d.Driver,
            Subnet = d.Subnet?.ToString(),
            Gateway = d.Gateway?.ToString(),
            Bridge = d.BridgeName,
            Internal = d.Internal,
            Labels = new Dictionary<string, string>(d.Labels, StringComparer.Ordinal),
            Created = d.Created,
            Predefined = d.Predefined,
            NextAddress = state.Leases is { } l ? Ipv4.FromUInt32(l.Next).ToString() : null,
            Leases = state.Leases?.All.ToDictionary(e => e.Key, e => Ipv4.FromUInt32(e.Value).ToString(), StringComparer.Ordinal) ?? [],
        };
    }

    private static NetworkState FromFile(NetworkFile file)
    {
        if (file.Id.Length != 64 || !file.Id.All(char.IsAsciiHexDigitLower))
        {
            throw new InvalidDataException($"network id \"{file.Id}\" is not 64 lowercase hex characters");
        }

        NetworkNames.Validate(file.Name);
        Ipv4Cidr? subnet = file.Subnet is null ? null : Ipv4Cidr.Parse(file.Subnet);
        IPAddress? gateway = file.Gateway is null ? null : Ipv4.Parse(file.Gateway, "gateway");
        if (file.Driver == NetworkDriver.Bridge && (subnet is null || gateway is null || file.Bridge is null))
        {
            throw new InvalidDataException($"bridge network {file.Name} has no subnet, gateway or bridge interface");
        }

        var state = new NetworkState(new NetworkDefinition
        {
            Id = file.Id,
            Name = file.Name,
            Driver = file.Driver,
            Subnet = subnet,
            Gateway = gateway,
            BridgeName = file.Bridge,
            Internal = file.Internal,
            Labels = file.Labels,
            Created = file.Created,
            Predefined = file.Predefined,
        });

        if (state.Leases is { } leases)
        {
            foreach (var (containerId, text) in file.Leases)
            {
                if (!leases.Restore(containerId, Ipv4.ToUInt32(Ipv4.Parse(text, $"lease of container {containerId}"))))
                {
                    throw new InvalidDataException($"lease {text} of container {containerId} is a duplicate or outside {subnet}");
                }
            }

            if (file.NextAddress is not null)
            {
                leases.Next = Ipv4.ToUInt32(Ipv4.Parse(file.NextAddress, "next address"));
            }
        }

        return state;
    }
}
