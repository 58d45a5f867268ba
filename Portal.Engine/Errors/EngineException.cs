namespace Portal.Engine.Errors;

/// <summary>Base of every error the engine reports to its callers.</summary>
public class EngineException : Exception
{
    public EngineException(string message) : base(message) { }
    public EngineException(string message, Exception inner) : base(message, inner) { }
}
