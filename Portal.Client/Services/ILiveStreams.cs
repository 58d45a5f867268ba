namespace Portal.Client.Services;

/// <summary>
/// The hub's streams as pages use them: <see cref="LiveConnection"/> in the app, a fake in component tests (which
/// feed items to a page without a server).
/// </summary>
public interface ILiveStreams
{
    /// <summary>Raised after the connection came back; streams started before have ended and must be started again.</summary>
    event Func<Task>? Reconnected;

    /// <summary>A stream of <typeparamref name="T"/> from a hub method, connecting first when needed.</summary>
    IAsyncEnumerable<T> StreamAsync<T>(string method, object?[] args, CancellationToken cancellationToken);
}
