using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Engine.Network.Ipam;

/// <summary>Writes an <see cref="Ipv4Cidr"/> as its "a.b.c.d/n" text and reads it back with the same validation as Parse.</summary>
public sealed class Ipv4CidrJsonConverter : JsonConverter<Ipv4Cidr>
{
    public override Ipv4Cidr Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Ipv4Cidr.TryParse(reader.GetString(), out var cidr, out var error) ? cidr : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, Ipv4Cidr value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
