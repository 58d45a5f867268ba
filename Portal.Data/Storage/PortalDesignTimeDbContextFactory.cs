using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data.Storage;

/// <summary>What <c>dotnet ef</c> builds the context with (docs/data.md, "Migrations").</summary>
internal sealed class PortalDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "portal-design-time.db");
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(builder, new PortalDataOptions { DatabasePath = path });
        return new PortalDbContext(builder.Options, new DesignTimeSecretProtector());
    }
}
