using Portal.Engine.Logs;
using Portal.Engine.Stats;

namespace Portal.Engine.Containers;

/// <summary>
/// Containers as callers see them. Every method takes an id, a unique id prefix or a name (with or
/// without the leading slash) and throws NotFoundException when none matches.
/// </summary>
public interface IContainerService
{
    /// <summary>Throws NotFoundException (image), ConflictException (name in use), InvalidArgumentException.</summary>
    Task<ContainerDetails> CreateAsync(ContainerCreateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns false when it was already running.</summary>
    Task<bool> StartAsync(string idOrName, CancellationToken cancellationToken = default);

    /// <summary>Stop signal, then SIGKILL after the timeout (null = the container's own). False when not running.</summary>
    Task<bool> StopAsync(string idOrName, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a signal (name like "HUP"/"SIGHUP" or number; null = SIGKILL). ConflictException when not running.</summary>
    Task KillAsync(string idOrName, string? signal = null, CancellationToken cancellationToken = default);

    Task RestartAsync(string idOrName, int? timeoutSeconds = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the condition. The wait is registered before this method returns its task, so a caller
    /// may report "waiting" and start the container afterwards without missing the exit.
    /// </summary>
    Task<ContainerWaitResult> WaitAsync(string idOrName, WaitCondition condition, CancellationToken cancellationToken = default);

    /// <summary>ConflictException when running and not forced.</summary>
    Task RemoveAsync(string idOrName, bool force, CancellationToken cancellationToken = default);

    Task<ContainerDetails> InspectAsync(string idOrName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ContainerDetails>> ListAsync(bool all, CancellationToken cancellationToken = default);

    IAsyncEnumerable<LogEntry> GetLogsAsync(string idOrName, LogReadOptions options, CancellationToken cancellationToken = default);

    Task<ContainerStats> GetStatsAsync(string idOrName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Connects the container to a network: a new interface at once when it runs (no default route change), else
    /// at its next start. NotFoundException (container, network), ForbiddenException (already connected),
    /// InvalidArgumentException (none/host networks or modes, bad aliases or address).
    /// </summary>
    Task ConnectAsync(string idOrName, ContainerEndpointConfig endpoint, CancellationToken cancellationToken = default) =>
        throw new Errors.InvalidArgumentException("connecting containers to networks is not supported by this engine");

    /// <summary>
    /// Removes the container's endpoint on the network (its interface and lease when it runs; its published ports with
    /// it when that is its first network). NotFoundException when it is not connected.
    /// </summary>
    Task DisconnectAsync(string idOrName, string network, bool force, CancellationToken cancellationToken = default) =>
        throw new Errors.InvalidArgumentException("disconnecting containers from networks is not supported by this engine");
}
