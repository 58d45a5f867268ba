using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// JSON with the Content-Type exactly "application/json": with ASP.NET's "; charset=utf-8" the docker CLI
/// no longer recognises error bodies and prints them raw.
/// </summary>
public sealed class DockerJsonResult(JsonNode? body, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult
{
    public const string ContentType = "application/json";

    public int? StatusCode => statusCode;

    public JsonNode? Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        await WriteAsync(httpContext.Response, body, httpContext.RequestAborted);
    }

    public static DockerJsonResult Error(int statusCode, string message) => new(new JsonObject { ["message"] = message }, statusCode);

    internal static async Task WriteAsync(HttpResponse response, JsonNode? body, CancellationToken cancellationToken)
    {
        response.ContentType = ContentType;
        var bytes = Serialize(body);
        response.ContentLength = bytes.Length + 1;
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>One object per line on a stream that stays open (events, stats, load), flushed at once.</summary>
    internal static async Task WriteLineAsync(HttpResponse response, JsonNode body, CancellationToken cancellationToken)
    {
        var bytes = Serialize(body);
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static byte[] Serialize(JsonNode? body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (body is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                body.WriteTo(writer);
            }
        }

        return buffer.ToArray();
    }
}
