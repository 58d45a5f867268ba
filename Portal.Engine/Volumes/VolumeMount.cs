namespace Portal.Engine.Volumes;

/// <summary>
/// A volume a caller asks to mount into a new container. <paramref name="Name"/> null = a new anonymous volume.
/// <paramref name="NoCopy"/> skips copying the image's content at the destination into an empty volume.
/// </summary>
public sealed record VolumeMount(string? Name, string Destination, bool ReadOnly = false, bool NoCopy = false);
