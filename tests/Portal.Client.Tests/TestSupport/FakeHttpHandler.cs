using Portal.Client.Contracts;
using System.Net;
using System.Net.Http.Json;
using Portal.Client.Services;

namespace Portal.Client.Tests.TestSupport;

/// <summary>Answers requests from a table of (method, path and query) → response, and records every request it saw.</summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("http://portal.test/");

    private readonly List<(HttpMethod Method, Func<string, bool> Matches, Func<HttpRequestMessage, HttpResponseMessage> Respond)> _routes = [];

    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>The path and query of every request, e.g. "api/v1/audit?user=ann&amp;page=1&amp;pageSize=50".</summary>
    public IEnumerable<string> Paths => Requests.Select(r => BaseAddress.MakeRelativeUri(r.RequestUri!).ToString());

    public FakeHttpHandler On(HttpMethod method, Func<string, bool> matches, Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _routes.Add((method, matches, respond));
        return this;
    }

    public FakeHttpHandler OnGet<T>(string pathPrefix, T body) =>
        On(HttpMethod.Get, p => p.StartsWith(pathPrefix, StringComparison.Ordinal), _ => Json(HttpStatusCode.OK, body));

    /// <summary>An answer with a body as the server would write it, e.g. ProblemDetails JSON or a proxy's HTML page.</summary>
    public static HttpResponseMessage Raw(HttpStatusCode status, string body, string mediaType = "application/problem+json") =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) };

    public FakeHttpHandler OnRaw(HttpMethod method, string path, HttpStatusCode status, string body) =>
        On(method, p => p == path, _ => Raw(status, body));

    public static HttpResponseMessage Json<T>(HttpStatusCode status, T body) =>
        new(status) { Content = JsonContent.Create(body, options: PortalApi.Json) };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var path = BaseAddress.MakeRelativeUri(request.RequestUri!).ToString();
        foreach (var (method, matches, respond) in _routes)
        {
            if (method == request.Method && matches(path))
            {
                return Task.FromResult(respond(request));
            }
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent($"no fake route for {request.Method} {path}") });
    }
}
