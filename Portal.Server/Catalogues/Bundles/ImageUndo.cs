using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// Remembers, before each load, whether the image was in the engine already and which image held the name; undoing
/// removes only the images that were not there before and gives moved names back to their previous images.
/// </summary>
internal sealed partial class ImageUndo(IImageService images, ILogger logger)
{
    private readonly HashSet<string> _existing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);
    private readonly List<(string Name, string? PreviousId)> _names = [];

    public async Task BeforeLoadAsync(string imageId, string name, CancellationToken cancellationToken)
    {
        if (!_added.Contains(imageId) && !_existing.Contains(imageId))
        {
            if (await FindAsync(imageId, cancellationToken).ConfigureAwait(false) is null)
            {
                _added.Add(imageId);
            }
            else
            {
                _existing.Add(imageId);
            }
        }

        _names.Add((name, await FindAsync(name, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>Best effort and never cancelled: it runs after a failure and must not leave half of an import behind.</summary>
    public async Task RunAsync()
    {
        foreach (var (name, previous) in _names.AsEnumerable().Reverse())
        {
            if (previous is null || _added.Contains(previous))
            {
                continue;
            }

            var colon = name.LastIndexOf(':');
            await TryAsync(() => images.TagAsync(previous, name[..colon], name[(colon + 1)..], CancellationToken.None), name).ConfigureAwait(false);
        }

        // Forced: an image this import added may carry several of its names; one a container already uses keeps its layers.
        foreach (var id in _added)
        {
            await TryAsync(() => images.RemoveAsync(id, force: true, CancellationToken.None), id).ConfigureAwait(false);
        }

        _names.Clear();
        _added.Clear();
    }

    private async Task<string?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            return (await images.InspectAsync(reference, cancellationToken).ConfigureAwait(false)).Id;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (EngineException e)
        {
            LogUndoFailed(logger, what, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Undoing a catalogue import: could not restore {What}: {Error}")]
    private static partial void LogUndoFailed(ILogger logger, string what, string error);
}
