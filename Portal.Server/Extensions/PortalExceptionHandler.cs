using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Engine.Errors;
using Portal.Server.Audit;
using Portal.Server.Deployments;
using Portal.Server.Metrics;
using Portal.Server.Security;

namespace Portal.Server.Extensions;

/// <summary>
/// Turns every exception into ProblemDetails. Known errors keep their message (it names what is wrong);
/// anything else is a 500 with a trace id and never the exception's text or stack.
/// </summary>
internal sealed partial class PortalExceptionHandler(IAuditLog audit, ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    private const int MaxAuditedDetail = 1000;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Map(exception);
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, ApiProblems.TraceId(httpContext), exception);
        }

        if (AuditAction(exception) is { } action)
        {
            await RecordAsync(httpContext, action, status, detail, cancellationToken);
        }

        await ApiProblems.WriteAsync(httpContext, status, title, detail);
        return true;
    }

    /// <summary>Refusals worth a trace: denied access (someone probing) and deployments refused by policy or quota.</summary>
    internal static string? AuditAction(Exception exception) => exception switch
    {
        AccessDeniedException or ForbiddenException => AuditActions.AccessDenied,
        DeploymentException { Kind: DeploymentErrorKind.Invalid or DeploymentErrorKind.Refused } => AuditActions.DeploymentRefused,
        _ => null,
    };

    private async Task RecordAsync(HttpContext context, string action, int status, string detail, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(new AuditRecord(action, "request", $"{context.Request.Method} {context.Request.Path}", new
            {
                status,
                reason = detail.Length > MaxAuditedDetail ? detail[..MaxAuditedDetail] + "…" : detail,
            }), cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or SqliteException or InvalidOperationException)
        {
            // The refusal is answered either way; a failed audit write is the server's problem, logged for the admin.
            LogAuditFailed(logger, action, e);
        }
    }

    internal static (int Status, string Title, string Detail) Map(Exception exception) => exception switch
    {
        NotFoundException e => (StatusCodes.Status404NotFound, "Not found", e.Message),
        ConflictException e => (StatusCodes.Status409Conflict, "Conflict", e.Message),
        InvalidArgumentException e => (StatusCodes.Status400BadRequest, "Invalid argument", e.Message),
        ImageFormatException e => (StatusCodes.Status400BadRequest, "Invalid image archive", e.Message),
        ForbiddenException e => (StatusCodes.Status403Forbidden, "Forbidden", e.Message),
        AccessDeniedException e => (StatusCodes.Status403Forbidden, "Forbidden", e.Message),
        DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Conflict",
            "Someone else changed this object since you read it; read it again and retry."),
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19 } } => (StatusCodes.Status409Conflict, "Conflict",
            "This conflicts with existing data (a name in use, or an object still in use)."),
        MetricsQueryException e => (StatusCodes.Status400BadRequest, "Invalid metrics query", e.Message),
        DeploymentException e => e.Kind switch
        {
            DeploymentErrorKind.Invalid => (StatusCodes.Status400BadRequest, "Invalid deployment request", Detail(e)),
            DeploymentErrorKind.Refused => (StatusCodes.Status409Conflict, "Refused by admission control", Detail(e)),
            DeploymentErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found", Detail(e)),
            DeploymentErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict", Detail(e)),
            _ => (StatusCodes.Status409Conflict, "Deployment failed", Detail(e)),
        },
        BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
        _ => (StatusCodes.Status500InternalServerError, "Internal server error",
            "Something went wrong on the server; the log has the details under this request's trace id."),
    };

    /// <summary>The message, then every problem on a line of its own (each names its path).</summary>
    private static string Detail(DeploymentException e) =>
        string.Join("\n", e.Problems.Where(p => !e.Message.Contains(p, StringComparison.Ordinal)).Prepend(e.Message));

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Could not write audit entry {Action}")]
    private static partial void LogAuditFailed(ILogger logger, string action, Exception exception);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, string traceId, Exception exception);
}
