using Portal.Engine.Images;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues;

public sealed class ApplianceImageCheckTests
{
    private static ImageDetails Image(
        string[]? exposed = null,
        Dictionary<string, string>? labels = null,
        Dictionary<string, string>? annotations = null,
        string user = "") => new()
        {
            Id = "sha256:" + new string('a', 64),
            Config = new ImageConfig
            {
                ExposedPorts = exposed ?? ["8080/tcp"],
                Labels = labels ?? [],
                User = user,
            },
            Annotations = annotations ?? [],
        };

    [Fact]
    public void Missing_fields_are_filled_from_annotations_then_labels()
    {
        var manifest = ManifestYaml.Valid();
        manifest = manifest with { Appliance = manifest.Appliance with { Title = "" } };
        var image = Image(
            labels: new() { ["org.opencontainers.image.title"] = "Label title", ["org.opencontainers.image.vendor"] = "Label Ltd", ["org.opencontainers.image.url"] = "https://example.com" },
            annotations: new() { ["org.opencontainers.image.title"] = "Annotated", ["org.opencontainers.image.description"] = "From the image" });
        var result = ApplianceImageCheck.Apply(manifest, image);
        Assert.Empty(result.Problems);
        Assert.Equal("Annotated", result.Manifest.Appliance.Title);
        Assert.Equal("From the image", result.Manifest.Appliance.Description);
        Assert.Equal("Label Ltd", result.Manifest.Appliance.Vendor);
        Assert.Equal("https://example.com", result.Manifest.Appliance.Links.Homepage);
    }

    [Fact]
    public void Manifest_values_win_over_the_image()
    {
        var manifest = ManifestYaml.Valid(appliance: "vendor: Example");
        var result = ApplianceImageCheck.Apply(manifest, Image(annotations: new() { ["org.opencontainers.image.title"] = "Other", ["org.opencontainers.image.vendor"] = "Other Ltd" }));
        Assert.Equal("Notes", result.Manifest.Appliance.Title);
        Assert.Equal("Example", result.Manifest.Appliance.Vendor);
    }

    [Fact]
    public void Title_missing_everywhere_is_a_problem()
    {
        var manifest = ManifestYaml.Valid();
        manifest = manifest with { Appliance = manifest.Appliance with { Title = "" } };
        var problem = Assert.Single(ApplianceImageCheck.Apply(manifest, Image()).Problems);
        Assert.Equal("x-appliance.title", problem.Path);
    }

    [Fact]
    public void Web_ui_port_must_be_exposed_by_the_image_or_the_ports()
    {
        var manifest = ManifestYaml.Valid();
        var problem = Assert.Single(ApplianceImageCheck.Apply(manifest, Image(exposed: ["9090/tcp", "8080/udp"])).Problems);
        Assert.Equal("x-appliance.webUi.port: 8080 is not exposed by the image", problem.ToString());

        Assert.Empty(ApplianceImageCheck.Apply(ManifestYaml.Valid(service: "ports: [8080]"), Image(exposed: [])).Problems);
        Assert.Empty(ApplianceImageCheck.Apply(manifest, Image(exposed: ["8080/tcp"])).Problems);
    }

    [Theory]
    [InlineData("1.2.0", true)]
    [InlineData("v1.2.0", true)]
    [InlineData("1.2.0+build.7", true)]
    [InlineData("1.3.0", false)]
    public void Versions_must_agree_when_both_exist(string imageVersion, bool agrees)
    {
        var result = ApplianceImageCheck.Apply(ManifestYaml.Valid(), Image(labels: new() { ["org.opencontainers.image.version"] = imageVersion }));
        if (agrees)
        {
            Assert.Empty(result.Problems);
        }
        else
        {
            var problem = Assert.Single(result.Problems);
            Assert.Equal("x-appliance.version: 1.2.0 differs from the image's org.opencontainers.image.version 1.3.0", problem.ToString());
        }
    }

    [Fact]
    public void Disclosed_run_as_must_match_the_image_user_unless_the_service_sets_it()
    {
        var manifest = ManifestYaml.Valid(appliance: "security: {runAs: \"1000\"}");
        var problem = Assert.Single(ApplianceImageCheck.Apply(manifest, Image(user: "")).Problems);
        Assert.Equal("x-appliance.security.runAs", problem.Path);
        Assert.Empty(ApplianceImageCheck.Apply(manifest, Image(user: "1000")).Problems);
        Assert.Empty(ApplianceImageCheck.Apply(ManifestYaml.Valid(service: "user: \"1000\"", appliance: "security: {runAs: \"1000\"}"), Image(user: "")).Problems);
    }
}
