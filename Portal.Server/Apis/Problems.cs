using Microsoft.AspNetCore.Http.HttpResults;
namespace Portal.Server.Apis;

/// <summary>The ProblemDetails results endpoints return for expected failures.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem($"No {what} with id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
