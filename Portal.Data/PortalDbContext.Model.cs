using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;
using Portal.Data.Storage;

namespace Portal.Data;

public sealed partial class PortalDbContext
{
    private const string NoCase = "NOCASE";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        // Enum names, not ordinals: readable in the file and safe when members are added or reordered.
        configurationBuilder.Properties<CatalogueStatus>().HaveConversion<string>();
        configurationBuilder.Properties<TeamRole>().HaveConversion<string>();
        configurationBuilder.Properties<DesiredState>().HaveConversion<string>();
        configurationBuilder.Properties<ObservedStatus>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Vendor>(vendor =>
        {
            vendor.Property(v => v.Name).UseCollation(NoCase);
            vendor.HasIndex(v => v.Name).IsUnique();
        });

        modelBuilder.Entity<Catalogue>(catalogue =>
        {
            Versioned(catalogue);
            catalogue.HasIndex(c => new { c.VendorId, c.CatalogueVersion }).IsUnique();
            catalogue.HasOne(c => c.Vendor).WithMany(v => v.Catalogues).OnDelete(DeleteBehavior.Restrict);
            catalogue.HasOne(c => c.UploadedBy).WithMany().HasForeignKey(c => c.UploadedByUserId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<Appliance>(appliance =>
        {
            appliance.Property(a => a.StableId).UseCollation(NoCase);
            appliance.HasIndex(a => a.StableId).IsUnique();
            appliance.HasOne(a => a.Vendor).WithMany(v => v.Appliances).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ApplianceVersion>(version =>
        {
            version.HasIndex(v => new { v.ApplianceId, v.Version }).IsUnique();
            version.HasIndex(v => v.CatalogueId);
            version.HasOne(v => v.Appliance).WithMany(a => a.Versions).OnDelete(DeleteBehavior.Cascade);
            version.HasOne(v => v.Catalogue).WithMany(c => c.ApplianceVersions).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApplianceVersionScreenshot>(screenshot =>
        {
            screenshot.HasKey(s => new { s.ApplianceVersionId, s.Position });
            screenshot.HasOne(s => s.ApplianceVersion).WithMany(v => v.Screenshots).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Team>(team =>
        {
            Versioned(team);
            team.Property(t => t.Name).UseCollation(NoCase);
            team.HasIndex(t => t.Name).IsUnique();
        });

        modelBuilder.Entity<User>(user =>
        {
            user.Property(u => u.Username).UseCollation(NoCase);
            user.HasIndex(u => u.Username).IsUnique();
            user.HasIndex(u => u.VendorId);
            user.HasOne(u => u.Vendor).WithMany().OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Membership>(membership =>
        {
            membership.HasKey(m => new { m.TeamId, m.UserId });
            membership.HasIndex(m => m.UserId);
            membership.HasOne(m => m.Team).WithMany(t => t.Memberships).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne(m => m.User).WithMany(u => u.Memberships).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Deployment>(deployment =>
        {
            Versioned(deployment);
            deployment.Property(d => d.Name).UseCollation(NoCase);
            deployment.HasIndex(d => new { d.TeamId, d.Name }).IsUnique();
            deployment.HasIndex(d => d.WebUiHostPort).IsUnique().HasFilter("\"WebUiHostPort\" IS NOT NULL");
            deployment.Property(d => d.SecretConfigJson).HasConversion(new SecretConverter(SecretProtector));
            deployment.HasOne(d => d.Team).WithMany(t => t.Deployments).OnDelete(DeleteBehavior.Restrict);
            deployment.HasOne(d => d.ApplianceVersion).WithMany().HasForeignKey(d => d.ApplianceVersionId)
                .OnDelete(DeleteBehavior.Restrict);
            deployment.HasOne(d => d.PreviousApplianceVersion).WithMany().HasForeignKey(d => d.PreviousApplianceVersionId)
                .OnDelete(DeleteBehavior.Restrict);
            deployment.HasOne(d => d.CreatedBy).WithMany().HasForeignKey(d => d.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<DeploymentEvent>(deploymentEvent =>
        {
            deploymentEvent.HasIndex(e => new { e.DeploymentId, e.At });
            deploymentEvent.HasOne(e => e.Deployment).WithMany(d => d.Events).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MetricSample>(sample =>
        {
            // The key serves a series' range query; the second index lets retention find old rows without a scan.
            sample.HasKey(m => new { m.SeriesKey, m.Resolution, m.Timestamp });
            sample.HasIndex(m => new { m.Resolution, m.Timestamp });
        });

        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.HasIndex(a => a.At);
            audit.HasIndex(a => new { a.ActorUserId, a.At });
            audit.HasIndex(a => new { a.TargetType, a.TargetId, a.At });
        });

        modelBuilder.Entity<SetupToken>(token => token.HasIndex(t => t.TokenHash).IsUnique());
    }

    private static void Versioned<T>(EntityTypeBuilder<T> entity)
        where T : class, IVersioned =>
        entity.Property(e => e.Version).IsConcurrencyToken();
}
