using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Portal.Client.Services;

namespace Portal.Client.Components.Vendor;

/// <summary>
/// POST /api/v1/catalogues with the bundle as the body: 201, 422 and 409 carry the report; any other refusal (the
/// size cap's 413, 403) is an <see cref="ApiException"/> with the server's message.
/// </summary>
public sealed class CatalogueUploadClient(PortalApi api)
{
    public static readonly string[] Extensions = [".tar", ".tar.gz", ".tgz"];

    public const string Accept = ".tar,.tar.gz,.tgz";

    /// <summary>The body's media type from the file name, or null for a file that is not a bundle.</summary>
    public static string? ContentType(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? "application/x-tar"
            : fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) ? "application/gzip"
            : null;
    }

    public static string Path(Guid importId, int? vendorId) =>
        vendorId is { } vendor
            ? string.Create(CultureInfo.InvariantCulture, $"api/v1/catalogues?importId={importId:D}&vendorId={vendor}")
            : $"api/v1/catalogues?importId={importId:D}";

    public async Task<UploadReport> UploadAsync(Stream bundle, string fileName, long? size, Guid importId, int? vendorId, CancellationToken cancellationToken)
    {
        var contentType = ContentType(fileName)
            ?? throw new ApiException(HttpStatusCode.UnsupportedMediaType, "Not a bundle", $"{fileName}: choose a .tar, .tar.gz or .tgz bundle.", []);
        var content = new StreamContent(bundle);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (size is { } length)
        {
            content.Headers.ContentLength = length;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Path(importId, vendorId)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await api.Http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(HttpStatusCode.ServiceUnavailable, "The server cannot be reached", e.Message, []);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
            {
                return UploadReport.From(await PortalApi.ReadAsync<CatalogueUploadResponse>(response, cancellationToken));
            }

            throw await PortalApi.ProblemAsync(response, cancellationToken);
        }
    }
}
