namespace Portal.Engine.Network.Networks;

/// <summary>What a caller asks for; Subnet and Gateway are the user's text, validated by the store.</summary>
public sealed record NetworkCreateRequest
{
    public required string Name { get; init; }

    /// <summary>Null or "bridge"; nothing else can be created.</summary>
    public string? Driver { get; init; }

    /// <summary>IPv4 CIDR such as "172.30.0.0/24"; null picks one from the address pools.</summary>
    public string? Subnet { get; init; }

    /// <summary>Dotted IPv4 address inside the subnet; null takes the subnet's first host address.</summary>
    public string? Gateway { get; init; }

    public bool Internal { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
