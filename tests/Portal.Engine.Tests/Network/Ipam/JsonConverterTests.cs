using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Tests.Network.Ipam;

public sealed partial class JsonConverterTests
{
    [Fact]
    public void CidrAndAddress_RoundTripAsText()
    {
        var value = new Endpoint(Ipv4Cidr.Parse("10.7.0.0/24"), IPAddress.Parse("10.7.0.9"));

        var json = JsonSerializer.Serialize(value, TestJsonContext.Default.Endpoint);

        Assert.Equal("{\"Subnet\":\"10.7.0.0/24\",\"Address\":\"10.7.0.9\"}", json);
        Assert.Equal(value, JsonSerializer.Deserialize(json, TestJsonContext.Default.Endpoint));
    }

    [Theory]
    [InlineData("{\"Subnet\":\"10.7.0.1/24\",\"Address\":\"10.7.0.9\"}", "host bits are set")]
    [InlineData("{\"Subnet\":\"10.7.0.0/24\",\"Address\":\"10.7.0\"}", "\"10.7.0\" is not an IPv4 address")]
    public void BadText_IsAJsonError(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, TestJsonContext.Default.Endpoint));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    internal sealed record Endpoint(
        Ipv4Cidr Subnet,
        [property: JsonConverter(typeof(Ipv4AddressJsonConverter))] IPAddress Address);

    [JsonSerializable(typeof(Endpoint))]
    internal sealed partial class TestJsonContext : JsonSerializerContext;
}
