namespace Portal.Engine.Events;

public interface IEventService
{
    /// <summary>Past events from <paramref name="since"/> (kept in memory, bounded), then live ones until
    /// <paramref name="until"/> passes or the caller cancels. A slow subscriber never blocks the engine.</summary>
    IAsyncEnumerable<EngineEvent> SubscribeAsync(DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken = default);
}
