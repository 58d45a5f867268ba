using System.Net;
using System.Net.Sockets;

namespace Portal.Server.Tests.TestSupport;

/// <summary>HTTP against appliances that were just started: connection refusals are retried for a while.</summary>
internal static class WebProbe
{
    public static async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        Exception? last = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                return await client.SendAsync(request(), cancellationToken);
            }
            catch (HttpRequestException e)
            {
                last = e;
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new InvalidOperationException($"{request().RequestUri} never answered", last);
    }

    public static async Task<string> GetStringAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>POSTs one form field (application/x-www-form-urlencoded) and returns the status code.</summary>
    public static async Task<HttpStatusCode> PostFormAsync(Uri uri, string field, string value, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent([new KeyValuePair<string, string>(field, value)]) },
            cancellationToken);
        return response.StatusCode;
    }
}
