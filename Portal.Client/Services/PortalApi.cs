using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Client.Services;

/// <summary>
/// The REST API under /api/v1 (the same surface automation uses). Every refusal becomes an <see cref="ApiException"/>
/// with the server's readable message; nothing here ever shows a stack trace.
/// </summary>
public sealed class PortalApi(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public HttpClient Http => http;

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);
    }

    public async Task<T> PutAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);
    }

    /// <summary>How long a read waits before its one retry after a failed connection.</summary>
    public static readonly TimeSpan ReadRetryDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Sends and returns a successful response; a refusal is read into an <see cref="ApiException"/>. A GET whose
    /// connection fails is sent once more: browsers abort requests in flight when the host's network changes
    /// (Chromium's ERR_NETWORK_CHANGED: a laptop changing networks, or the first deployment's bridge address when the
    /// browser runs on the Portal host), and a read is safe to repeat. Writes are never repeated: the first may have
    /// been done.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (request.Method == HttpMethod.Get && request.Content is null)
            {
                await Task.Delay(ReadRetryDelay, cancellationToken);
                using var again = new HttpRequestMessage(HttpMethod.Get, request.RequestUri);
                foreach (var header in request.Headers)
                {
                    again.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                response = await http.SendAsync(again, cancellationToken);
            }
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(HttpStatusCode.ServiceUnavailable, "The server cannot be reached", e.Message, []);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemAsync(response, cancellationToken);
        }
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new ApiException(response.StatusCode, "Empty answer", "The server sent an empty answer.", []);
    }

    /// <summary>ProblemDetails (title, detail, errors) when the body is one; the status text otherwise.</summary>
    public static async Task<ApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var title = response.ReasonPhrase ?? response.StatusCode.ToString();
        string? detail = null;
        var errors = new List<string>();
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : title;
                detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in e.EnumerateObject())
                    {
                        errors.AddRange(field.Value.EnumerateArray().Select(m => $"{field.Name}: {m.GetString()}"));
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        if (detail is null && errors.Count > 0)
        {
            detail = string.Join("\n", errors);
        }

        return new ApiException(response.StatusCode, title, detail, errors);
    }
}
