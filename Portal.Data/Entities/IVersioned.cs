namespace Portal.Data.Entities;

/// <summary>
/// A row two requests can race on. <see cref="Version"/> is the optimistic-concurrency token: SQLite has no
/// rowversion, so <see cref="PortalDbContext"/> increments it on every tracked update and EF puts the value
/// read into the UPDATE's WHERE clause; a lost race raises <c>DbUpdateConcurrencyException</c>.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
