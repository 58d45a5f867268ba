using System.Net;
using System.Text;

namespace Portal.Client.Tests.TestSupport;

/// <summary>
/// The server as a table of answers: "METHOD /path" (query included) → status and JSON body. Unknown requests answer
/// 404 ProblemDetails naming them, and every request is recorded with its body.
/// </summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpRequestMessage, (HttpStatusCode Status, string Json)>> _answers = new(StringComparer.Ordinal);

    public List<(string Key, string? Body)> Requests { get; } = [];

    public StubHttpHandler Answer(string key, HttpStatusCode status, string json)
    {
        _answers[key] = _ => (status, json);
        return this;
    }

    public StubHttpHandler Answer(string key, Func<HttpRequestMessage, (HttpStatusCode Status, string Json)> answer)
    {
        _answers[key] = answer;
        return this;
    }

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://portal.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        Requests.Add((key, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        var (status, json) = _answers.TryGetValue(key, out var answer)
            ? answer(request)
            : (HttpStatusCode.NotFound, $$"""{"title":"Not found","detail":"no stub for {{key}}"}""");
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(json, Encoding.UTF8, status is >= HttpStatusCode.BadRequest ? "application/problem+json" : "application/json"),
        };
    }
}
