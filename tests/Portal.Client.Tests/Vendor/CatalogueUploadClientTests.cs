using System.Net;
using Portal.Client.Components.Vendor;
using Portal.Client.Services;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Vendor;

public sealed class CatalogueUploadClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("acme.tar", "application/x-tar")]
    [InlineData("acme.TAR.GZ", "application/gzip")]
    [InlineData("acme.tgz", "application/gzip")]
    [InlineData("acme.zip", null)]
    public void Content_type_follows_the_extension(string name, string? type) =>
        Assert.Equal(type, CatalogueUploadClient.ContentType(name));

    [Fact]
    public async Task Posts_the_bundle_with_its_import_id_and_type_and_reads_a_422_as_the_report()
    {
        var handler = new FakeHttpHandler();
        string? contentType = null;
        long? length = null;
        handler.On(HttpMethod.Post, "/api/v1/catalogues", r =>
        {
            contentType = r.Content!.Headers.ContentType!.MediaType;
            length = r.Content.Headers.ContentLength;
            return FakeHttpHandler.Json(
                new CatalogueUploadResponse("Invalid", null, "acme", "1", [], [], [new UploadProblem("appliances[0].image", "missing", 2, 3, "appliances[0].image: missing")]),
                HttpStatusCode.UnprocessableEntity);
        });
        var client = new CatalogueUploadClient(new PortalApi(handler.Client()));
        var importId = Guid.NewGuid();

        var report = await client.UploadAsync(new MemoryStream(new byte[10]), "acme.tgz", 10, importId, vendorId: 4, Ct);

        Assert.Equal([$"/api/v1/catalogues?importId={importId:D}&vendorId=4"], handler.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(("application/gzip", 10L), (contentType, length));
        Assert.Equal(0, Assert.Single(report.Groups).ApplianceIndex);
    }

    [Fact]
    public async Task The_size_caps_413_is_an_api_exception_with_the_servers_message()
    {
        var handler = new FakeHttpHandler().On(HttpMethod.Post, "/api/v1/catalogues", _ => FakeHttpHandler.Problem(HttpStatusCode.RequestEntityTooLarge,
            "Bundle too large", "bundle: the bundle is 9000 bytes, over the upload cap of 4096 bytes"));
        var client = new CatalogueUploadClient(new PortalApi(handler.Client()));

        var refused = await Assert.ThrowsAsync<ApiException>(() => client.UploadAsync(new MemoryStream(new byte[9000]), "big.tar", 9000, Guid.NewGuid(), null, Ct));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Equal("bundle: the bundle is 9000 bytes, over the upload cap of 4096 bytes", refused.Message);
    }
}
