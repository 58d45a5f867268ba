using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Portal.Engine.Events;

/// <summary>
/// Publishes engine events to subscribers and keeps a bounded history for "since" queries. Each
/// subscriber has its own bounded queue that drops its oldest entries when full, so a slow reader
/// never blocks the engine.
/// </summary>
public sealed class EventBus : IEventService
{
    private const int HistoryLimit = 1024;
    private const int SubscriberQueueLimit = 4096;

    private readonly Lock _gate = new();
    private readonly LinkedList<EngineEvent> _history = new();
    private readonly List<Channel<EngineEvent>> _subscribers = [];
    private readonly TimeProvider _time;

    public EventBus(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public void Publish(string type, string action, string actorId, IReadOnlyDictionary<string, string> attributes)
    {
        var ev = new EngineEvent(type, action, actorId, attributes, _time.GetUtcNow());
        lock (_gate)
        {
            _history.AddLast(ev);
            if (_history.Count > HistoryLimit)
            {
                _history.RemoveFirst();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(ev);
            }
        }
    }

    public async IAsyncEnumerable<EngineEvent> SubscribeAsync(
        DateTimeOffset? since, DateTimeOffset? until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<EngineEvent>(new BoundedChannelOptions(SubscriberQueueLimit)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

        List<EngineEvent> past;
        lock (_gate)
        {
            past = since is null ? [] : _history.Where(e => e.Time >= since && (until is null || e.Time <= until)).ToList();
            _subscribers.Add(channel);
        }

        try
        {
            foreach (var ev in past)
            {
                yield return ev;
            }

            if (until is { } end && end <= _time.GetUtcNow())
            {
                yield break;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (until is { } stopAt)
            {
                deadline.CancelAfter(stopAt - _time.GetUtcNow());
            }

            while (true)
            {
                EngineEvent ev;
                try
                {
                    ev = await channel.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                if (until is not null && ev.Time > until)
                {
                    yield break;
                }

                yield return ev;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
