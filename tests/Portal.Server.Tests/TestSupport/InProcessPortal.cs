using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Engine.Containers;
using Portal.Engine.Images;
using Portal.Engine.Network;
using Portal.Engine.Volumes;
using Portal.Server.Deployments;
using Portal.Server.Deployments.Health;
using Portal.Server.Extensions;

namespace Portal.Server.Tests.TestSupport;

/// <summary>
/// The server's back end in this process, wired as the server wires it (<c>AddPortalDataServices</c>,
/// <c>AddPortalEngine</c>, <c>AddDeployments</c>) over <paramref name="dataDirectory"/>, with its hosted services
/// running: migrations, the real engine (root), the reconcile loop and health probing. No HTTP surface. Stopping it
/// is what a server shutdown does: containers keep running for the next one over the same directory.
/// </summary>
internal sealed class InProcessPortal(IHost host) : IAsyncDisposable
{
    private bool stopped;

    public IServiceProvider Services => host.Services;

    public DeploymentService Deployments => Services.GetRequiredService<DeploymentService>();

    public DeploymentReconciler Reconciler => Services.GetRequiredService<DeploymentReconciler>();

    public DeploymentHealth Health => Services.GetRequiredService<DeploymentHealth>();

    public IContainerService Containers => Services.GetRequiredService<IContainerService>();

    public INetworkService Networks => Services.GetRequiredService<INetworkService>();

    public IVolumeService Volumes => Services.GetRequiredService<IVolumeService>();

    public IImageService Images => Services.GetRequiredService<IImageService>();

    /// <summary>
    /// Builds and starts it; <paramref name="settings"/> override configuration (e.g. "Portal:Deployments:PublishAddress"),
    /// every log line goes to <paramref name="log"/>.
    /// </summary>
    public static async Task<InProcessPortal> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings, TestLogCollector log, CancellationToken cancellationToken)
    {
        var init = Path.Combine(PortalServerProcess.RepoRoot, "artifacts", "portal-init", "portal-init");
        if (!File.Exists(init))
        {
            throw new FileNotFoundException($"portal-init not found at {init}: run ./portal test, which publishes it", init);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft", LogLevel.Warning).AddProvider(log);
        var paths = new PortalPaths(dataDirectory, Path.Combine(dataDirectory, "engine"), Path.Combine(dataDirectory, "engine.sock"), init);
        builder.Services.AddSingleton(paths);
        builder.Services.AddPortalDataServices(paths);
        builder.Services.AddPortalEngine(paths);
        builder.Services.AddDeployments(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }

        return new InProcessPortal(host);
    }

    /// <summary>Stops the hosted services (the engine's watchers; containers keep running) and disposes everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        try
        {
            await host.StopAsync(CancellationToken.None);
        }
        finally
        {
            await ((IAsyncDisposable)host).DisposeAsync();
        }
    }
}
