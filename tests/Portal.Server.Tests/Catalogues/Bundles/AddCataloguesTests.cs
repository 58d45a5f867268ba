using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Engine;
using Portal.Engine.Images;
using Portal.Server.Catalogues;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Catalogues.Demo;
using Portal.Server.Extensions;

namespace Portal.Server.Tests.Catalogues.Bundles;

public sealed class AddCataloguesTests
{
    [Fact]
    public async Task The_services_resolve_from_configuration_with_the_work_directory_under_the_data_directory()
    {
        var data = Directory.CreateTempSubdirectory("portal-addcatalogues-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:Catalogues:MaxBundleBytes"] = "12345",
                ["Portal:Demo:Enabled"] = "false",
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(new PortalPaths(data, Path.Combine(data, "engine"), Path.Combine(data, "engine.sock"), "/nonexistent"));
            services.AddSingleton(new EngineOptions { RootDirectory = Path.Combine(data, "engine") });
            services.AddSingleton<ImageStore>();
            services.AddSingleton<IImageService>(sp => sp.GetRequiredService<ImageStore>());
            services.AddSingleton<ISecretProtector, NoSecrets>();
            services.AddPortalData(Path.Combine(data, "portal.db"));
            services.AddCatalogues(configuration);
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            await provider.MigratePortalDataAsync(TestContext.Current.CancellationToken);

            var options = provider.GetRequiredService<BundleOptions>();
            Assert.Equal(12345, options.MaxBundleBytes);
            Assert.Equal(Path.Combine(data, "tmp", "catalogues"), options.TempDirectory);
            Assert.NotNull(provider.GetRequiredService<CatalogueImporter>());
            Assert.Null(await provider.GetRequiredService<DemoCatalogueSeeder>().SeedAsync(TestContext.Current.CancellationToken));
            Assert.True(Directory.Exists(options.TempDirectory));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed class NoSecrets : ISecretProtector
    {
        public string Protect(string plaintext) => throw new NotSupportedException();

        public string Unprotect(string ciphertext) => throw new NotSupportedException();
    }
}
