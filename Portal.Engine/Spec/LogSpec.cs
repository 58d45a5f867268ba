namespace Portal.Engine.Spec;

/// <summary>Where the shim writes the container's stdout/stderr and how big the rotated files may grow.</summary>
public sealed record LogSpec(string Path, long MaxBytes, int MaxFiles);
