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
    private CancellationTokenSource _session = new();

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
                _connection.Reconnecting += _ =>
                {
                    EndSession();
                    return Task.CompletedTask;
                };
                _connection.Closed += _ =>
                {
                    EndSession();
                    return Task.CompletedTask;
                };
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
    /// <remarks>
    /// The stream is tied to the connection it starts on and ends with it: once the connection drops, cancelling
    /// <paramref name="cancellationToken"/> does nothing more. SignalR's client sends a stream's cancellation on the
    /// connection that is current when the token fires, under the stream's invocation id; ids start again at 1 on
    /// every new connection, so a page cancelling its old streams after a reconnect would stop a new stream that
    /// drew the same id (seen as a log that showed its tail and then nothing more after a server restart). Ending
    /// the old streams' tokens while the connection is down sends nothing and leaves the new ones alone.
    /// </remarks>
    public async IAsyncEnumerable<T> StreamAsync<T>(string method, object?[] args,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _session.Token);
        await using var items = connection.StreamAsyncCore<T>(method, args, stream.Token).GetAsyncEnumerator(stream.Token);
        while (true)
        {
            try
            {
                if (!await items.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException("The connection to the server was lost.", e);
            }

            yield return items.Current;
        }
    }

    /// <summary>Ends the streams of the connection that just dropped; streams started from now on belong to the next one.</summary>
    private void EndSession()
    {
        // Not disposed: a stream starting at this moment may still link to its token.
        Interlocked.Exchange(ref _session, new CancellationTokenSource()).Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _session.Dispose();
        _gate.Dispose();
    }

    private sealed class ForeverRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            TimeSpan.FromSeconds(Math.Min(10, 1 + retryContext.PreviousRetryCount));
    }
}
