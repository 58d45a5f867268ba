using System.Text.Json.Nodes;
using Portal.Engine.Events;

namespace Portal.Server.Apis.Docker;

/// <summary>GET /events: one flushed JSON object per line until "until" passes or the client leaves.</summary>
internal static class EventsApi
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/events", StreamAsync);

    private static async Task StreamAsync(HttpContext context, IEventService events)
    {
        var filters = DockerFilters.Parse(context.Request.String("filters"), "type", "event", "container", "image", "label");
        var since = DockerTime.ParseTimestamp(context.Request.String("since"), "since");
        var until = DockerTime.ParseTimestamp(context.Request.String("until"), "until");

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = DockerJsonResult.ContentType;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await foreach (var e in events.SubscribeAsync(since, until, context.RequestAborted))
        {
            if (Matches(e, filters))
            {
                await DockerJsonResult.WriteLineAsync(context.Response, ToJson(e), context.RequestAborted);
            }
        }
    }

    internal static bool Matches(EngineEvent e, DockerFilters filters)
    {
        var name = e.Attributes.GetValueOrDefault("name");
        return filters.Matches("type", t => t == e.Type)
            && filters.Matches("event", a => a == e.Action)
            && filters.Matches("container", c => e.Type == "container"
                && (c == name || c.TrimStart('/') == name || e.ActorId.StartsWith(c, StringComparison.Ordinal)))
            && filters.Matches("image", i => e.Attributes.GetValueOrDefault("image") == i
                || (e.Type == "image" && (name == i || e.ActorId.StartsWith(i, StringComparison.Ordinal))))
            && filters.MatchesLabels(e.Attributes);
    }

    internal static JsonObject ToJson(EngineEvent e)
    {
        var json = new JsonObject();
        if (e.Type == "container")
        {
            json["status"] = e.Action;
            json["id"] = e.ActorId;
            json["from"] = e.Attributes.GetValueOrDefault("image") ?? "";
        }

        json["Type"] = e.Type;
        json["Action"] = e.Action;
        json["Actor"] = new JsonObject
        {
            ["ID"] = e.ActorId,
            ["Attributes"] = JsonNodes.Map(e.Attributes),
        };
        json["scope"] = "local";
        json["time"] = DockerTime.UnixSeconds(e.Time);
        json["timeNano"] = DockerTime.UnixNanos(e.Time);
        return json;
    }
}
