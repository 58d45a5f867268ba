using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Client.Services;

namespace Portal.Client.Tests.Catalogue;

/// <summary>
/// The server as a message handler: answers registered per method and path (query included, or the path alone when
/// no exact entry exists) and records every request with its body, so tests assert on what the page sent.
/// </summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, Task<HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);

    public ConcurrentQueue<(HttpMethod Method, string PathAndQuery, string? Body)> Requests { get; } = new();

    public FakeApi On(HttpMethod method, string path, Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        OnAsync(method, path, request => Task.FromResult(answer(request)));

    /// <summary>An answer that arrives later, as a real server's does: the page renders while it waits.</summary>
    public FakeApi OnAsync(HttpMethod method, string path, Func<HttpRequestMessage, Task<HttpResponseMessage>> answer)
    {
        _routes[$"{method} {path}"] = answer;
        return this;
    }

    public FakeApi OnGet<T>(string path, T body) => On(HttpMethod.Get, path, _ => Json(body));

    public static HttpResponseMessage Json<T>(T body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body, options: PortalApi.Json) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string title, string detail) =>
        new(status) { Content = JsonContent.Create(new { title, detail, status = (int)status }, options: PortalApi.Json) };

    /// <summary>Registers the handler behind PortalApi and SessionState in a bUnit container.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton(new HttpClient(this) { BaseAddress = new Uri("http://portal.test/") });
        services.AddScoped<PortalApi>();
        services.AddScoped<SessionState>();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pathAndQuery = request.RequestUri!.PathAndQuery;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, pathAndQuery, body));
        if (_routes.TryGetValue($"{request.Method} {pathAndQuery}", out var exact) || _routes.TryGetValue($"{request.Method} {request.RequestUri.AbsolutePath}", out exact))
        {
            return await exact(request);
        }

        return Problem(HttpStatusCode.NotFound, "Not found", $"No fake answer for {request.Method} {pathAndQuery}.");
    }
}
