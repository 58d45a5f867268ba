using System.Text.Json;
using Portal.Engine.Errors;
using Portal.Server.Apis.Docker;

namespace Portal.Server.Tests.Docker;

/// <summary>NetworkingConfig.EndpointsConfig of a create body as docker run (API 1.44+) sends it for --network, --network-alias and --ip.</summary>
public sealed class CreateEndpointsConfigTests
{
    private static Portal.Engine.Containers.ContainerCreateRequest Map(string json)
    {
        using var body = JsonDocument.Parse(json);
        return ContainerCreateMapper.Map(body.RootElement, "web");
    }

    [Fact]
    public void Several_networks_map_in_order_with_their_aliases_and_address()
    {
        var request = Map("""
            {"Image":"busybox","HostConfig":{"NetworkMode":"n2"},
             "NetworkingConfig":{"EndpointsConfig":{
               "n1":{"Aliases":["db","cache"],"IPAMConfig":{"IPv4Address":"10.231.0.9"}},
               "n2":{"Aliases":null,"IPAMConfig":null,"Links":null},
               "n3":null}}}
            """);

        Assert.Equal("n2", request.NetworkMode);
        Assert.Equal(["n1", "n2", "n3"], request.Networks.Select(n => n.NetworkName));
        Assert.Equal(["db", "cache"], request.Networks[0].Aliases);
        Assert.Equal("10.231.0.9", request.Networks[0].IPv4Address);
        Assert.Empty(request.Networks[1].Aliases);
        Assert.Null(request.Networks[1].IPv4Address);
    }

    [Theory]
    [InlineData("""{"n1":{"Aliases":"db"}}""", "NetworkingConfig.EndpointsConfig.n1.Aliases: want a list of names")]
    [InlineData("""{"n1":{"IPAMConfig":{"IPv6Address":"fd00::2"}}}""", "NetworkingConfig.EndpointsConfig.n1.IPAMConfig.IPv6Address is not supported")]
    [InlineData("""{"n1":{"Links":["a:b"]}}""", "NetworkingConfig.EndpointsConfig.n1.Links is not supported")]
    [InlineData("""{"n1":"x"}""", "NetworkingConfig.EndpointsConfig.n1: want an object")]
    public void Unsupported_endpoint_fields_are_refused_naming_the_field(string endpoints, string message)
    {
        var error = Assert.Throws<InvalidArgumentException>(() =>
            Map("""{"Image":"busybox","HostConfig":{"NetworkMode":"n1"},"NetworkingConfig":{"EndpointsConfig":""" + endpoints + "}}"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
