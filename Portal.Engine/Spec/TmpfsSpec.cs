namespace Portal.Engine.Spec;

/// <summary>A tmpfs mounted on <paramref name="ContainerPath"/> (created if missing) with mount-style <paramref name="Options"/>.</summary>
public sealed record TmpfsSpec(string ContainerPath, IReadOnlyList<string> Options);
