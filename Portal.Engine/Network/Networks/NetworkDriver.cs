using System.Text.Json.Serialization;

namespace Portal.Engine.Network.Networks;

/// <summary>Docker's driver names: user networks are bridges; "host" and "null" only back the predefined host and none networks.</summary>
public enum NetworkDriver
{
    [JsonStringEnumMemberName("bridge")]
    Bridge,

    [JsonStringEnumMemberName("host")]
    Host,

    [JsonStringEnumMemberName("null")]
    Null,
}
