namespace Portal.Engine.Errors;

/// <summary>An image archive is malformed, hostile or over a cap. Nothing of it was kept.</summary>
public sealed class ImageFormatException : EngineException
{
    public ImageFormatException(string message) : base(message) { }
    public ImageFormatException(string message, Exception inner) : base(message, inner) { }
}
