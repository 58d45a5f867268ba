using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Client.Services;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Hubs;

/// <summary>
/// The browser's <see cref="LiveConnection"/> across a server restart, against a real Kestrel server on loopback that
/// is stopped and started again on the same port. Pages cancel their old streams when the connection comes back and
/// start new ones; those new streams must keep running.
/// </summary>
public sealed class LiveConnectionReconnectTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancelling_a_stream_of_the_dropped_connection_leaves_the_new_connections_streams_running()
    {
        var port = LoopbackPort.Free();
        var first = new CounterLog();
        var server = await StartAsync(port, first);
        var hub = new Uri($"http://127.0.0.1:{port}/counter");
        await using var live = new LiveConnection(hub);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Reconnected += () =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };

        using var oldPage = new CancellationTokenSource();
        await using var before = live.StreamAsync<int>("Count", ["before"], oldPage.Token).GetAsyncEnumerator(oldPage.Token);
        Assert.True(await before.MoveNextAsync().AsTask().WaitAsync(Within, Ct));

        await server.StopAsync(Ct);
        await server.DisposeAsync();
        var ended = await Record.ExceptionAsync(async () =>
        {
            while (await before.MoveNextAsync().AsTask().WaitAsync(Within, Ct))
            {
            }
        });
        Assert.IsType<IOException>(ended, exactMatch: false);

        var second = new CounterLog();
        server = await StartAsync(port, second);
        await using (server)
        {
            await reconnected.Task.WaitAsync(Within, Ct);
            using var newPage = new CancellationTokenSource();
            await using var after = live.StreamAsync<int>("Count", ["after"], newPage.Token).GetAsyncEnumerator(newPage.Token);
            Assert.True(await after.MoveNextAsync().AsTask().WaitAsync(Within, Ct));

            // What a page does when the connection is back: it cancels the streams it started before.
            await oldPage.CancelAsync();

            var seen = new List<int>();
            for (var i = 0; i < 10; i++)
            {
                Assert.True(await after.MoveNextAsync().AsTask().WaitAsync(Within, Ct), $"the new stream ended after {seen.Count} more items; the server cancelled: {string.Join(", ", second.Cancelled)}");
                seen.Add(after.Current);
            }

            Assert.Equal(Enumerable.Range(seen[0], 10), seen);
            Assert.DoesNotContain("after", second.Cancelled);
            await newPage.CancelAsync();
            await server.StopAsync(Ct);
        }
    }

    private static async Task<WebApplication> StartAsync(int port, CounterLog log)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton(log);
        var app = builder.Build();
        app.MapHub<CounterHub>("/counter");
        await app.StartAsync(Ct);
        return app;
    }

    public sealed class CounterLog
    {
        public ConcurrentQueue<string> Cancelled { get; } = new();
    }

    public sealed class CounterHub(CounterLog log) : Hub
    {
        public async IAsyncEnumerable<int> Count(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var registration = cancellationToken.Register(() => log.Cancelled.Enqueue(name));
            for (var i = 0; ; i++)
            {
                yield return i;
                await Task.Delay(20, cancellationToken);
            }
        }
    }
}
