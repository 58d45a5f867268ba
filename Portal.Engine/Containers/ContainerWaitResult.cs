namespace Portal.Engine.Containers;

/// <summary>How a wait ended: the exit code, and an error text when the container could not run.</summary>
public sealed record ContainerWaitResult(int StatusCode, string? Error);
