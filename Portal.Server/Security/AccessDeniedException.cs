namespace Portal.Server.Security;

/// <summary>The signed-in user may not do this; answered with 403 ProblemDetails.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
