using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Portal.Engine.Events;

namespace Portal.Server.Tests.Docker;

internal sealed class FakeEventService : IEventService
{
    private readonly Lock sync = new();
    private readonly List<EngineEvent> past = [];
    private readonly List<Channel<EngineEvent>> subscribers = [];

    public int Subscribers
    {
        get
        {
            lock (sync)
            {
                return subscribers.Count;
            }
        }
    }

    public void Publish(EngineEvent e)
    {
        lock (sync)
        {
            past.Add(e);
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(e);
            }
        }
    }

    public async IAsyncEnumerable<EngineEvent> SubscribeAsync(DateTimeOffset? since, DateTimeOffset? until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<EngineEvent>();
        List<EngineEvent> history;
        lock (sync)
        {
            history = since is null ? [] : [.. past.Where(e => e.Time >= since)];
            subscribers.Add(channel);
        }

        try
        {
            foreach (var e in history.Where(e => until is null || e.Time <= until))
            {
                yield return e;
            }

            if (until is { } end && end <= DateTimeOffset.UtcNow)
            {
                yield break;
            }

            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            lock (sync)
            {
                subscribers.Remove(channel);
            }
        }
    }
}
