using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Portal.Client.Services;

namespace Portal.Client.Tests.TestSupport;

/// <summary>
/// The hub as a test drives it: each <see cref="StreamAsync{T}"/> call opens a stream the test feeds with
/// <see cref="Push"/> or ends with <see cref="Fail"/>; <see cref="Reconnect"/> raises <see cref="Reconnected"/>.
/// <see cref="Time"/> is the pages' clock (debounce and fallback polls), moved by the test.
/// </summary>
public sealed class FakeLiveStreams : ILiveStreams
{
    private readonly ConcurrentDictionary<string, Channel<object>> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _delivered = new(StringComparer.Ordinal);

    public event Func<Task>? Reconnected;

    public FakeTimeProvider Time { get; } = new();

    /// <summary>Every stream started, in order, with its arguments.</summary>
    public ConcurrentQueue<(string Method, object?[] Args)> Started { get; } = new();

    public int StartCount(string method) => Started.Count(s => s.Method == method);

    /// <summary>Items of <paramref name="method"/>'s streams the page has finished handling (it asked for the next one).</summary>
    public int Delivered(string method) => _delivered.GetValueOrDefault(method);

    /// <summary>
    /// Waits until the page has handled <paramref name="count"/> items of <paramref name="method"/> (what it does with
    /// them need not render, so bUnit's render-driven waits would not look again).
    /// </summary>
    public Task WaitForDeliveredAsync(string method, int count) => UntilAsync(() => Delivered(method) >= count, $"{count} items of {method} handled");

    public Task WaitForStartedAsync(string method, int count) => UntilAsync(() => StartCount(method) >= count, $"{count} streams of {method} started");

    /// <summary>Feeds <paramref name="item"/> to the newest open stream of <paramref name="method"/>.</summary>
    public void Push(string method, object item) => Assert.True(Open(method).Writer.TryWrite(item), $"{method}: the stream has ended");

    /// <summary>Ends the newest open stream of <paramref name="method"/> with <paramref name="error"/> (e.g. a HubException).</summary>
    public void Fail(string method, Exception error) => Open(method).Writer.TryComplete(error);

    public async Task Reconnect()
    {
        if (Reconnected is { } handler)
        {
            await handler();
        }
    }

    public async IAsyncEnumerable<T> StreamAsync<T>(string method, object?[] args, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<object>();
        _open[method] = channel;
        Started.Enqueue((method, args));
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return (T)item;
            _delivered.AddOrUpdate(method, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Polls <paramref name="condition"/> for up to 10 s (for what does not render: bUnit's waits look again on renders only).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            while (!condition())
            {
                await Task.Delay(10, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"not within 10 s: {what}");
        }
    }

    private Channel<object> Open(string method) =>
        _open.TryGetValue(method, out var channel) ? channel : throw new InvalidOperationException($"{method}: no stream was started");
}
