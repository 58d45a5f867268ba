using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Client.Services;

/// <summary>
/// The one /hubs/live connection of this browser tab, opened on first use and re-opened by itself after the server
/// restarts (SignalR's automatic reconnect, retrying every few seconds for as long as the tab is open). Streams are
/// started by the pages; a page restarts its streams when <see cref="Reconnected"/> fires.
/// </summary>
public sealed class LiveConnection(Uri hub) : ILiveStreams, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HubConnection? _connection;

    /// <summary>Raised after the connection came back; streams started before have ended and must be started again.</summary>
    public event Func<Task>? Reconnected;

    public HubConnectionState State => _connection?.State ?? HubConnectionState.Disconnected;

    public async Task<HubConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                _connection = new HubConnectionBuilder()
                    .WithUrl(hub)
                    .WithAutomaticReconnect(new ForeverRetry())
                    .Build();
                _connection.Reconnected += async _ =>
                {
                    if (Reconnected is { } handler)
                    {
                        await handler();
                    }
                };
            }

            if (_connection.State == HubConnectionState.Disconnected)
            {
                await _connection.StartAsync(cancellationToken);
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A stream of <typeparamref name="T"/> from a hub method, connecting first when needed.</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string method, object?[] args,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        await foreach (var item in connection.StreamAsyncCore<T>(method, args, cancellationToken))
        {
            yield return item;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    private sealed class ForeverRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            TimeSpan.FromSeconds(Math.Min(10, 1 + retryContext.PreviousRetryCount));
    }
}
