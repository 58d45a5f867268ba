using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Data;
using Portal.Server.Audit;
using Portal.Server.Security;

namespace Portal.Server.Extensions;

public static class DataServiceExtensions
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// SQLite at &lt;data&gt;/portal.db, Data Protection keys in &lt;data&gt;/keys (0700), the secret protector, the
    /// audit log, migrations before requests and metric retention every 5 minutes.
    /// </summary>
    public static IServiceCollection AddPortalDataServices(this IServiceCollection services, PortalPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        // Made here, not in a hosted service: Data Protection's own hosted service may create the key ring
        // before ours start, and its repository would create the directory with the process umask.
        var keys = Path.Combine(paths.DataDirectory, "keys");
        foreach (var dir in new[] { paths.DataDirectory, keys })
        {
            Directory.CreateDirectory(dir, OwnerOnly);
            File.SetUnixFileMode(dir, OwnerOnly);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection()
            .SetApplicationName("Portal")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddPortalData(Path.Combine(paths.DataDirectory, "portal.db"));
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<SetupTokenService>();
        services.AddHostedService<DataLifetime>();
        return services;
    }
}
