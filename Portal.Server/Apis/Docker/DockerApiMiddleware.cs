using System.Text.Json;
using Portal.Engine.Containers;
using Portal.Engine.Errors;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// Everything every Docker API request shares: Docker's response headers, the optional "/v1.xx" prefix
/// (checked against the supported range), cancellation on shutdown, and the one place where engine
/// exceptions become Docker status codes with a {"message"} body.
/// </summary>
internal sealed class DockerApiMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime, ILogger<DockerApiMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        AddDockerHeaders(context.Response.Headers);

        if (DockerApiVersion.TryStrip(context.Request.Path, out var version, out var rest))
        {
            if (version < DockerApiVersion.MinVersion)
            {
                await Fail(context, StatusCodes.Status400BadRequest,
                    $"client version {DockerApiVersion.Text(version)} is too old. Minimum supported API version is {DockerApiVersion.Min}, please upgrade your client to a newer version");
                return;
            }

            if (version > DockerApiVersion.MaxVersion)
            {
                await Fail(context, StatusCodes.Status400BadRequest,
                    $"client version {DockerApiVersion.Text(version)} is too new. Maximum supported API version is {DockerApiVersion.Max}");
                return;
            }

            DockerApiVersion.Set(context, version);
            context.Request.Path = rest;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.RequestAborted = linked.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The client went away or the server is stopping: nothing is left to answer.
        }
        catch (Exception exception)
        {
            var (status, message) = Map(exception);
            if (status >= 500)
            {
                DockerApiLog.RequestFailed(logger, exception, context.Request.Method, context.Request.Path.Value ?? "");
            }

            if (context.Response.HasStarted)
            {
                DockerApiLog.FailedAfterStart(logger, context.Request.Method, context.Request.Path.Value ?? "", message);
                context.Abort();
                return;
            }

            await Fail(context, status, message);
        }
    }

    internal static (int Status, string Message) Map(Exception exception) => exception switch
    {
        NotFoundException => (StatusCodes.Status404NotFound, exception.Message),
        ConflictException => (StatusCodes.Status409Conflict, exception.Message),
        ForbiddenException => (StatusCodes.Status403Forbidden, exception.Message),
        InvalidArgumentException or ImageFormatException => (StatusCodes.Status400BadRequest, exception.Message),
        ContainerStartException => (StatusCodes.Status500InternalServerError, exception.Message),
        JsonException => (StatusCodes.Status400BadRequest, $"invalid JSON in request body: {exception.Message}"),
        BadHttpRequestException bad => (bad.StatusCode, exception.Message),
        _ => (StatusCodes.Status500InternalServerError, exception.Message),
    };

    internal static void AddDockerHeaders(IHeaderDictionary headers)
    {
        headers["Api-Version"] = DockerApiVersion.Max;
        headers.Server = $"Docker/{DockerApiVersion.EngineVersion} (linux)";
        headers["Ostype"] = "linux";
    }

    private static Task Fail(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        AddDockerHeaders(context.Response.Headers);
        return DockerJsonResult.Error(status, message).ExecuteAsync(context);
    }
}
