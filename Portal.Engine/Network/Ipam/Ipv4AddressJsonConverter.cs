using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Engine.Network.Ipam;

/// <summary>An <see cref="IPAddress"/> as dotted-quad text; put it on IPAddress properties of source-generated JSON types.</summary>
public sealed class Ipv4AddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Ipv4.TryParse(reader.GetString(), out var address)
            ? address
            : throw new JsonException($"\"{reader.GetString()}\" is not an IPv4 address");

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
