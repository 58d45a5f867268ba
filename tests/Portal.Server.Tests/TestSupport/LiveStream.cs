namespace Portal.Server.Tests.TestSupport;

/// <summary>
/// A hub stream read item by item with a deadline per item. A missed deadline cancels the stream (so nothing is left
/// pending on the enumerator) and fails naming what did not come.
/// </summary>
internal sealed class LiveStream<T> : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly IAsyncEnumerator<T> _items;
    private readonly string _name;

    public LiveStream(string name, Func<CancellationToken, IAsyncEnumerable<T>> open)
    {
        _name = name;
        _items = open(_stop.Token).GetAsyncEnumerator(_stop.Token);
    }

    public Task<T> NextAsync(TimeSpan within) => NextAsync(within, "");

    private async Task<T> NextAsync(TimeSpan within, string context)
    {
        var next = _items.MoveNextAsync().AsTask();
        if (await Task.WhenAny(next, Task.Delay(within, TestContext.Current.CancellationToken)) != next)
        {
            await _stop.CancelAsync();
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
            }

            Assert.Fail($"{_name}: no item within {within}{context}");
        }

        Assert.True(await next, $"{_name}: the stream ended");
        return _items.Current;
    }

    /// <summary>The next item that matches, skipping others, all within <paramref name="within"/>.</summary>
    public async Task<T> NextMatchingAsync(Func<T, bool> match, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        var skipped = new List<T>();
        while (true)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"{_name}: nothing matching within {within}; saw: {string.Join(" | ", skipped)}");
            var item = await NextAsync(left, $"; skipped: {string.Join(" | ", skipped)}");
            if (match(item))
            {
                return item;
            }

            skipped.Add(item);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _items.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
