using System.Net;

namespace Portal.Client.Services;

/// <summary>
/// An API call the server refused: its status and the ProblemDetails' title and detail, plus every field error of a
/// validation problem ("name: must not be empty"). <see cref="Exception.Message"/> is the text to show a person.
/// </summary>
public sealed class ApiException(HttpStatusCode status, string title, string? detail, IReadOnlyList<string> errors)
    : Exception(detail is { Length: > 0 } ? detail : title)
{
    public HttpStatusCode Status { get; } = status;

    public string Title { get; } = title;

    public IReadOnlyList<string> Errors { get; } = errors;
}
