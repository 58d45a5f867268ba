using System.Threading.Channels;

namespace Portal.Server.Metrics;

/// <summary>
/// Fan-out of samples by key. Each subscriber owns a small bounded channel that drops its oldest sample when
/// full, so publishing never waits: a slow or stalled reader loses samples and delays nobody else.
/// </summary>
public sealed class LiveTopic<TKey, T>(int capacity)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Channel<T>[]> _subscribers = [];

    public int SubscriberCount(TKey key)
    {
        lock (_gate)
        {
            return _subscribers.TryGetValue(key, out var list) ? list.Length : 0;
        }
    }

    /// <summary>
    /// A reader of the samples published for <paramref name="key"/> from now on. Cancelling the token completes
    /// the reader and drops the channel (the samples it held go with it).
    /// </summary>
    public ChannelReader<T> Subscribe(TKey key, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        if (cancellationToken.IsCancellationRequested)
        {
            channel.Writer.TryComplete();
            return channel.Reader;
        }

        lock (_gate)
        {
            _subscribers[key] = _subscribers.TryGetValue(key, out var list) ? [.. list, channel] : [channel];
        }

        cancellationToken.Register(() => Unsubscribe(key, channel));
        return channel.Reader;
    }

    public void Publish(TKey key, T sample)
    {
        Channel<T>[]? list;
        lock (_gate)
        {
            _subscribers.TryGetValue(key, out list);
        }

        foreach (var channel in list ?? [])
        {
            // DropOldest: TryWrite succeeds unless the channel was completed by an unsubscribe racing this loop.
            channel.Writer.TryWrite(sample);
        }
    }

    private void Unsubscribe(TKey key, Channel<T> channel)
    {
        lock (_gate)
        {
            if (_subscribers.TryGetValue(key, out var list))
            {
                var rest = list.Where(c => c != channel).ToArray();
                if (rest.Length == 0)
                {
                    _subscribers.Remove(key);
                }
                else
                {
                    _subscribers[key] = rest;
                }
            }
        }

        channel.Writer.TryComplete();
    }
}
