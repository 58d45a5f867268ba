using Microsoft.AspNetCore.SignalR;

namespace Portal.Client.Components.Live;

/// <summary>
/// Reads a hub stream until it ends or is cancelled; a refusal or a dropped connection becomes a readable message
/// ("<paramref name="what"/> stopped: …") for the page to show, never an unhandled exception.
/// </summary>
public static class LiveStream
{
    public static async Task PumpAsync<T>(IAsyncEnumerable<T> stream, Func<T, Task> onItem, Func<string, Task> onStopped, string what,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onItem);
        ArgumentNullException.ThrowIfNull(onStopped);
        try
        {
            await foreach (var item in stream.WithCancellation(cancellationToken))
            {
                await onItem(item);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or HttpRequestException or IOException)
        {
            await onStopped($"{what} stopped: {e.Message}");
        }
    }
}
