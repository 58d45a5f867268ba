using System.Runtime.CompilerServices;
using System.Text;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Events;
using Portal.Engine.Logs;

namespace Portal.Server.Deployments;

/// <summary>
/// A deployment's log as one stream: the last lines, then new ones as they are written, across restarts and across
/// the container being re-created by an upgrade or rollback (the new container's lines follow the old one's). It
/// reads the engine's log files, so a slow reader falls behind on disk and never holds up the container's writer.
/// </summary>
public sealed class DeploymentLogs(IContainerService containers, IEventService events)
{
    /// <summary>How long to wait for a start event before looking again (a missed event costs at most this).</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<DeploymentLogLine> FollowAsync(Guid deploymentId, int tail,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tail);
        var name = DeploymentLabels.ContainerName(deploymentId);
        string? containerId = null;
        DateTimeOffset? last = null;
        // The tail applies to what was written before the caller asked; a container that appears later is new in full.
        var firstLook = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Listening before looking: a start between the look and the wait still wakes us.
            var started = WaitForStartAsync(name, wait.Token);
            var details = await InspectAsync(name, cancellationToken);
            if (details is not null)
            {
                var same = details.Id == containerId;
                var options = new LogReadOptions
                {
                    Follow = true,
                    Tail = firstLook ? tail : null,
                    Since = same ? last : null,
                };
                containerId = details.Id;
                await using var reader = Read(name, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (await reader.MoveNextAsync())
                {
                    var entry = reader.Current;
                    // Since is inclusive: lines at the last time were already sent before the container stopped.
                    if (same && last is { } seen && entry.Time <= seen)
                    {
                        continue;
                    }

                    last = entry.Time;
                    yield return Line(entry);
                }
            }

            firstLook = false;
            await Task.WhenAny(started, Task.Delay(Recheck, TimeProvider.System, cancellationToken));
            await wait.CancelAsync();
        }
    }

    public static DeploymentLogLine Line(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bytes = entry.Line.Span;
        if (bytes.EndsWith("\n"u8))
        {
            bytes = bytes[..^1];
        }

        if (bytes.EndsWith("\r"u8))
        {
            bytes = bytes[..^1];
        }

        return new DeploymentLogLine(entry.Time, entry.Stream == LogStream.Stderr ? "stderr" : "stdout", Encoding.UTF8.GetString(bytes));
    }

    private async Task<ContainerDetails?> InspectAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await containers.InspectAsync(name, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>The container's lines; ends quietly when it is removed while being read.</summary>
    private async IAsyncEnumerable<LogEntry> Read(string name, LogReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerator<LogEntry>? lines = null;
        try
        {
            try
            {
                lines = containers.GetLogsAsync(name, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            }
            catch (NotFoundException)
            {
                yield break;
            }

            while (true)
            {
                bool more;
                try
                {
                    more = await lines.MoveNextAsync();
                }
                catch (Exception e) when (e is NotFoundException or FileNotFoundException or DirectoryNotFoundException)
                {
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                yield return lines.Current;
            }
        }
        finally
        {
            if (lines is not null)
            {
                await lines.DisposeAsync();
            }
        }
    }

    private async Task WaitForStartAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var ev in events.SubscribeAsync(null, null, cancellationToken))
            {
                if (ev is { Type: "container", Action: "start" } && ev.Attributes.TryGetValue("name", out var started) && started == name)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
