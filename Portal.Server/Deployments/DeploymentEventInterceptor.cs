using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data.Entities;

namespace Portal.Server.Deployments;

/// <summary>
/// Publishes every <see cref="DeploymentEvent"/> to the <see cref="DeploymentEventFeed"/> once its transaction has
/// been saved, whichever code path added it: a live client never sees an event whose save failed. (No code saves
/// deployment events inside an explicit transaction; SaveChanges commits its own.)
/// </summary>
public sealed class DeploymentEventInterceptor(DeploymentEventFeed feed) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<DeploymentEvent>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _pending.Remove(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var added = context.ChangeTracker.Entries<DeploymentEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count > 0)
        {
            _pending.AddOrUpdate(context, added);
        }
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var saved))
        {
            return;
        }

        _pending.Remove(context);
        foreach (var ev in saved)
        {
            feed.Publish(ev);
        }
    }
}
