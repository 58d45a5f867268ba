namespace Portal.Engine.Errors;

/// <summary>A container, image or other object does not exist (Docker API: 404).</summary>
public sealed class NotFoundException(string message) : EngineException(message)
{
    public static NotFoundException Container(string idOrName) => new($"No such container: {idOrName}");
    public static NotFoundException Image(string reference) => new($"No such image: {reference}");
}
