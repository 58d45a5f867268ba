namespace Portal.Engine.Errors;

/// <summary>The request clashes with the current state: name in use, object in use, wrong state (Docker API: 409).</summary>
public sealed class ConflictException(string message) : EngineException(message);
