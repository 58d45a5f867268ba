namespace Portal.Engine.Errors;

/// <summary>The operation is not allowed on this object (a predefined network, a network in use) (Docker API: 403).</summary>
public sealed class ForbiddenException(string message) : EngineException(message);
