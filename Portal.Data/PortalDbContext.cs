using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Portal.Data.Entities;
using Portal.Data.Storage;

namespace Portal.Data;

/// <summary>Portal's SQLite database (docs/data.md).</summary>
public sealed partial class PortalDbContext(DbContextOptions<PortalDbContext> options, ISecretProtector secretProtector)
    : DbContext(options)
{
    internal ISecretProtector SecretProtector { get; } = secretProtector;

    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<Catalogue> Catalogues => Set<Catalogue>();

    public DbSet<Appliance> Appliances => Set<Appliance>();

    public DbSet<ApplianceVersion> ApplianceVersions => Set<ApplianceVersion>();

    public DbSet<ApplianceVersionScreenshot> ApplianceVersionScreenshots => Set<ApplianceVersionScreenshot>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Deployment> Deployments => Set<Deployment>();

    public DbSet<DeploymentEvent> DeploymentEvents => Set<DeploymentEvent>();

    public DbSet<MetricSample> MetricSamples => Set<MetricSample>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    /// <summary>Points <paramref name="builder"/> at the SQLite file with Portal's pragmas and conventions.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, PortalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ArgumentException("PortalDataOptions.DatabasePath is empty: name the SQLite file (for example data/portal.db).", nameof(options));
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.DatabasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(PortalDbContext).Assembly.GetName().Name))
            .AddInterceptors(SqlitePragmaInterceptor.For(options.Synchronous, options.BusyTimeout))
            .ReplaceService<IModelCacheKeyFactory, ProtectorModelCacheKeyFactory>();
        return builder;
    }

    /// <summary>
    /// Claims a versioned row for this unit of work even when none of its columns change: the next save
    /// bumps its <see cref="IVersioned.Version"/>, so a concurrent save that claimed or changed it fails.
    /// Used to serialise admissions against a team's quotas.
    /// </summary>
    public void Claim(IVersioned entity)
    {
        Entry(entity).Property(nameof(IVersioned.Version)).IsModified = true;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
