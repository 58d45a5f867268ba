namespace Portal.Server.Deployments;

/// <summary>A volume for a deployment's container: <see cref="Name"/> null = a fresh anonymous one (not kept).</summary>
public sealed record VolumeAttachment(string? Name, string Target, bool ReadOnly);
