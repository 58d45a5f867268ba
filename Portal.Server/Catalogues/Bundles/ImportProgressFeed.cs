using System.Collections.Concurrent;
using System.Threading.Channels;
using Portal.Server.Metrics;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// Progress of running catalogue imports for the live hub, keyed by the uploading user and the import id the client
/// chose (<c>POST /api/v1/catalogues?importId=</c>): a user only ever sees their own imports. The newest message of
/// each import is kept for <see cref="KeepFinished"/> so a client that subscribes late still learns where it is.
/// </summary>
public sealed class ImportProgressFeed(TimeProvider time)
{
    public static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(10);
    private const int BufferedMessages = 32;
    private readonly LiveTopic<(int User, Guid Import), ImportProgressMessage> _topic = new(BufferedMessages);
    private readonly ConcurrentDictionary<(int User, Guid Import), (ImportProgressMessage Message, DateTimeOffset At)> _latest = new();
    private long _sequence;

    public ChannelReader<ImportProgressMessage> Subscribe(int userId, Guid importId, CancellationToken cancellationToken) =>
        _topic.Subscribe((userId, importId), cancellationToken);

    public int Subscribers(int userId, Guid importId) => _topic.SubscriberCount((userId, importId));

    public ImportProgressMessage? Latest(int userId, Guid importId) =>
        _latest.TryGetValue((userId, importId), out var latest) ? latest.Message : null;

    /// <summary>An <see cref="IProgress{T}"/> that publishes at once on the reporting thread (no synchronisation context).</summary>
    public IProgress<BundleProgress> Reporter(int userId, Guid importId) => new Publisher(this, userId, importId);

    public void Finish(int userId, Guid importId, CatalogueImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Publish(userId, importId, sequence => new ImportProgressMessage(sequence, "Finished", 1, 1, null, true, result.Status.ToString(), result.Problems.Count));
    }

    /// <summary>The import ended with an error (the client went away, the disk is full): nothing was committed.</summary>
    public void Fail(int userId, Guid importId) =>
        Publish(userId, importId, sequence => new ImportProgressMessage(sequence, "Finished", 0, null, null, true, "Failed"));

    private void Publish(int userId, Guid importId, Func<long, ImportProgressMessage> make)
    {
        var now = time.GetUtcNow();
        foreach (var (key, value) in _latest)
        {
            if (now - value.At > KeepFinished)
            {
                _latest.TryRemove(key, out _);
            }
        }

        var message = make(Interlocked.Increment(ref _sequence));
        _latest[(userId, importId)] = (message, now);
        _topic.Publish((userId, importId), message);
    }

    private sealed class Publisher(ImportProgressFeed feed, int userId, Guid importId) : IProgress<BundleProgress>
    {
        public void Report(BundleProgress value) =>
            feed.Publish(userId, importId, sequence => new ImportProgressMessage(sequence, value.Phase.ToString(), value.Done, value.Total, value.Item));
    }
}
