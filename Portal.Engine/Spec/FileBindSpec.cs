namespace Portal.Engine.Spec;

/// <summary>A host file bind-mounted read-write onto <paramref name="ContainerPath"/> (e.g. /etc/hosts) before pivot_root.</summary>
public sealed record FileBindSpec(string HostPath, string ContainerPath);
