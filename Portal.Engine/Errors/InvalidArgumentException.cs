namespace Portal.Engine.Errors;

/// <summary>The caller's input is malformed or out of range; the message names what and where (Docker API: 400).</summary>
public sealed class InvalidArgumentException(string message) : EngineException(message);
