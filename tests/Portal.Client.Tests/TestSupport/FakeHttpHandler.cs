using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Client.Services;

namespace Portal.Client.Tests.TestSupport;

/// <summary>
/// The server as a message handler: answers registered per method and path and query (or the path alone when no
/// entry has the query; a later entry replaces an earlier one), and a log of every request with its body read when
/// it was sent, so tests assert on what a page sent after the fact.
/// </summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("http://portal.test/");

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, Task<HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);

    /// <summary>Every request in the order sent; <c>PathAndQuery</c> is e.g. "/api/v1/audit?user=ann&amp;page=1".</summary>
    public ConcurrentQueue<(HttpMethod Method, string PathAndQuery, string? Body)> Requests { get; } = new();

    /// <param name="path">"/api/v1/appliances" answers with any query; "/api/v1/appliances?search=x" only that query.</param>
    public FakeHttpHandler On(HttpMethod method, string path, Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        OnAsync(method, path, request => Task.FromResult(answer(request)));

    /// <summary>An answer that arrives when the test says so (e.g. a TaskCompletionSource), to see a page while it waits.</summary>
    public FakeHttpHandler OnAsync(HttpMethod method, string path, Func<HttpRequestMessage, Task<HttpResponseMessage>> answer)
    {
        _routes[Key(method, path)] = answer;
        return this;
    }

    public FakeHttpHandler OnGet<T>(string path, T body) => On(HttpMethod.Get, path, _ => Json(body));

    /// <summary>A client of this handler at <see cref="BaseAddress"/>, as PortalApi is given one.</summary>
    public HttpClient Client() => new(this) { BaseAddress = BaseAddress };

    public static HttpResponseMessage Json<T>(T body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body, options: PortalApi.Json) };

    /// <summary>A ProblemDetails answer as ASP.NET Core writes it; <paramref name="errors"/> makes it a validation problem.</summary>
    public static HttpResponseMessage Problem(HttpStatusCode status, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(status)
        {
            Content = JsonContent.Create(new { title, status = (int)status, detail, errors }, new("application/problem+json"), ProblemJson),
        };

    /// <summary>A body exactly as a server wrote it, e.g. ProblemDetails text or a proxy's HTML page.</summary>
    public static HttpResponseMessage Raw(HttpStatusCode status, string body, string mediaType = "application/problem+json") =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pathAndQuery = request.RequestUri!.PathAndQuery;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, pathAndQuery, body));
        return _routes.TryGetValue(Key(request.Method, pathAndQuery), out var answer) || _routes.TryGetValue(Key(request.Method, request.RequestUri.AbsolutePath), out answer)
            ? await answer(request)
            : Problem(HttpStatusCode.NotFound, "Not found", $"No fake answer for {request.Method} {pathAndQuery}.");
    }

    private static string Key(HttpMethod method, string path) => $"{method} {path}";
}
