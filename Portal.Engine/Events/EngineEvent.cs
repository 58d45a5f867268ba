namespace Portal.Engine.Events;

/// <summary>
/// Something that happened to an engine object, in Docker's event vocabulary: Type "container" or
/// "image"; Action "create", "start", "die", "stop", "kill", "oom", "destroy", "restart", "load", "tag",
/// "untag", "delete". Attributes carry "name" (no leading slash), "image", "exitCode", "signal", labels.
/// </summary>
public sealed record EngineEvent(
    string Type,
    string Action,
    string ActorId,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset Time);
