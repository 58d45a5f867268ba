using Portal.Client.Contracts;
using System.Net;
using System.Net.Http.Json;
using Portal.Client.Services;

namespace Portal.Client.Tests.Deployments;

/// <summary>Answers API calls from a table of "METHOD path" → JSON body (or status); records every request.</summary>
public sealed class FakeApiHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);

    public List<(string Route, string? Body)> Requests { get; } = [];

    public FakeApiHandler Json(string route, object body)
    {
        _routes[route] = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body, options: PortalApi.Json) };
        return this;
    }

    public FakeApiHandler Problem(string route, HttpStatusCode status, string title, string detail)
    {
        _routes[route] = _ => new HttpResponseMessage(status) { Content = JsonContent.Create(new { title, detail, status = (int)status }) };
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        Requests.Add((route, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        return _routes.TryGetValue(route, out var answer)
            ? answer(request)
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = JsonContent.Create(new { title = "Not found", detail = $"no fake for {route}" }) };
    }
}
