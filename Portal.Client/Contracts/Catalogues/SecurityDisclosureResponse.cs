namespace Portal.Client.Contracts;

/// <summary>
/// What the appliance asks of the host: added capabilities (upper case, no CAP_), container ports ("8080/tcp"),
/// volumes ("notes:/srv/data", ":ro" when read-only), host paths it binds, the user it runs as (null: the image's
/// default) and whether its root filesystem is read-only.
/// </summary>
public sealed record SecurityDisclosureResponse(
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string> Ports,
    IReadOnlyList<string> Volumes,
    IReadOnlyList<string> HostMounts,
    string? RunAs,
    bool ReadOnlyRootFilesystem);
