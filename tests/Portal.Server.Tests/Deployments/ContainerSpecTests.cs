using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Server.Deployments;
using Portal.Server.Tests.Catalogues;

namespace Portal.Server.Tests.Deployments;

public sealed class ContainerSpecTests
{
    private static readonly ApplianceVersion Version = new()
    {
        Id = 7,
        Version = "1.2.0",
        ManifestYaml = "",
        ManifestJson = "{}",
        ImageReference = "example/notes:1.2.0",
        ImageDigest = "sha256:" + new string('a', 64),
    };

    private static Portal.Engine.Containers.ContainerCreateRequest Build(string service, string appliance = "") =>
        ContainerSpec.Build(new Deployment { Name = "notes" }, Version, ManifestYaml.Valid(service, appliance), [], new DeploymentOptions(), null);

    [Fact]
    public void Read_only_tmpfs_and_capabilities_of_the_manifest_reach_the_create_request()
    {
        var request = Build(
            "read_only: true\ntmpfs: [/tmp, \"/run:rw,size=16m,mode=1777\"]\ncap_drop: [ALL]\ncap_add: [NET_BIND_SERVICE]",
            "security: {capabilities: [NET_BIND_SERVICE]}");

        Assert.True(request.ReadonlyRootfs);
        Assert.Equal(new Dictionary<string, string> { ["/tmp"] = "", ["/run"] = "rw,size=16m,mode=1777" }, request.Tmpfs);
        Assert.Equal(["ALL"], request.CapDrop);
        Assert.Equal(["NET_BIND_SERVICE"], request.CapAdd);
    }

    [Fact]
    public void A_capability_beyond_dockers_defaults_is_passed_on_when_disclosed()
    {
        var request = Build("cap_add: [NET_ADMIN]", "security: {capabilities: [NET_ADMIN]}");

        Assert.Equal(["NET_ADMIN"], request.CapAdd);
        Assert.False(request.ReadonlyRootfs);
        Assert.Empty(request.Tmpfs);
        Assert.Empty(request.CapDrop);
    }

    [Fact]
    public void A_tmpfs_target_listed_twice_is_refused_naming_it()
    {
        var error = Assert.Throws<DeploymentException>(() => ContainerSpec.Tmpfs(["/tmp", "/tmp:size=1m"]));
        Assert.Equal(DeploymentErrorKind.Invalid, error.Kind);
        Assert.Contains("services.tmpfs: /tmp is listed twice", error.Message, StringComparison.Ordinal);
    }
}
