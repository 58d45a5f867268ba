using Microsoft.AspNetCore.Http.Features;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Logs;
using Portal.Engine.Stats;

namespace Portal.Server.Apis.Docker;

/// <summary>The streaming container endpoints: logs, attach (HTTP upgrade) and stats.</summary>
internal static class ContainerStreamsApi
{
    private static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(1);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/containers/{id}/logs", LogsAsync);
        app.MapPost("/containers/{id}/attach", AttachAsync);
        app.MapGet("/containers/{id}/stats", StatsAsync);
    }

    private static async Task LogsAsync(string id, HttpContext context, IContainerService containers)
    {
        var request = context.Request;
        var options = new LogReadOptions
        {
            Stdout = request.Bool("stdout"),
            Stderr = request.Bool("stderr"),
            Since = DockerTime.ParseTimestamp(request.String("since"), "since"),
            Until = DockerTime.ParseTimestamp(request.String("until"), "until"),
            Follow = request.Bool("follow"),
            Tail = ParseTail(request.String("tail")),
        };
        if (!options.Stdout && !options.Stderr)
        {
            throw new InvalidArgumentException("Bad parameters: you must choose at least one stream");
        }

        var container = await containers.InspectAsync(id, context.RequestAborted);
        var tty = container.Config.Tty;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = LogFrames.ContentType(tty, DockerApiVersion.Of(context));
        await context.Response.StartAsync(context.RequestAborted);
        var entries = containers.GetLogsAsync(container.Id, options, context.RequestAborted);
        await LogFrames.CopyAsync(entries, context.Response.Body, tty, request.Bool("timestamps"), context.RequestAborted);
    }

    private static int? ParseTail(string? tail) => tail switch
    {
        null or "all" => null,
        _ when int.TryParse(tail, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new InvalidArgumentException($"invalid value for tail: {tail} (want a number or \"all\")"),
    };

    /// <summary>
    /// docker run attaches before it starts the container: the output is followed from the container's
    /// first line, as multiplexed frames (raw with a TTY), and the connection closes after the exit.
    /// </summary>
    private static async Task AttachAsync(string id, HttpContext context, IContainerService containers, IHostApplicationLifetime lifetime)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true })
        {
            throw new InvalidArgumentException("attach needs an HTTP upgrade (Connection: Upgrade, Upgrade: tcp)");
        }

        if (context.Request.Bool("stdin"))
        {
            throw new InvalidArgumentException("attaching stdin is not supported by this engine");
        }

        var request = context.Request;
        var container = await containers.InspectAsync(id, context.RequestAborted);
        var tty = container.Config.Tty;
        var options = new LogReadOptions
        {
            Stdout = request.Bool("stdout"),
            Stderr = request.Bool("stderr"),
            Follow = request.Bool("stream"),
            // Without logs=1 only new output is wanted; a never-started container has none older than now.
            Since = request.Bool("logs") || container.State.Status == ContainerStatus.Created ? null : DateTimeOffset.UtcNow,
        };

        context.Response.Headers.ContentType = LogFrames.ContentType(tty, DockerApiVersion.Of(context));
        context.Response.Headers.Upgrade = "tcp";
        context.Features.Get<HalfCloseConnectionContext>()?.KeepOpenAfterClientFin();
        await using var stream = await upgrade.UpgradeAsync();
        if (options.Stdout || options.Stderr)
        {
            // The CLI half-closes its side right away when stdin is not attached (see HalfCloseConnectionContext):
            // only shutdown cancels the copy; a client that is really gone makes the next write fail.
            var entries = containers.GetLogsAsync(container.Id, options, lifetime.ApplicationStopping);
            await LogFrames.CopyAsync(entries, stream, tty, timestamps: false, lifetime.ApplicationStopping);
        }
    }

    /// <summary>
    /// stream=1: one sample a second, each carrying the previous one as precpu_stats. stream=0 takes two
    /// samples a second apart so CPU % is meaningful; one-shot=1 answers with a single sample at once.
    /// </summary>
    private static async Task StatsAsync(string id, HttpContext context, IContainerService containers)
    {
        var stream = !context.Request.Query.ContainsKey("stream") || context.Request.Bool("stream");
        var oneShot = context.Request.Bool("one-shot");
        var container = await containers.InspectAsync(id, context.RequestAborted);
        var sample = await containers.GetStatsAsync(container.Id, context.RequestAborted);
        ContainerStats? previous = null;
        if (!stream && !oneShot)
        {
            await Task.Delay(StatsInterval, context.RequestAborted);
            (previous, sample) = (sample, await containers.GetStatsAsync(container.Id, context.RequestAborted));
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = DockerJsonResult.ContentType;
        if (!stream)
        {
            await DockerJsonResult.WriteAsync(context.Response, StatsJson.Sample(container, sample, previous), context.RequestAborted);
            return;
        }

        using var timer = new PeriodicTimer(StatsInterval);
        while (true)
        {
            await DockerJsonResult.WriteLineAsync(context.Response, StatsJson.Sample(container, sample, previous), context.RequestAborted);
            if (!await timer.WaitForNextTickAsync(context.RequestAborted))
            {
                return;
            }

            try
            {
                (previous, sample) = (sample, await containers.GetStatsAsync(container.Id, context.RequestAborted));
            }
            catch (EngineException)
            {
                // The container is gone or stopped: Docker ends the stream there too.
                return;
            }
        }
    }
}
