using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Engine.Containers;
using Portal.Engine.Events;
using Portal.Engine.Images;
using Portal.Engine.Network;
using Portal.Engine.Volumes;
using Portal.Server.Extensions;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// Serves the Docker Engine API subset on the root-only unix socket from a separate slim app, so the
/// main HTTP app never exposes these routes. The engine services are the main app's own instances.
/// </summary>
public sealed class DockerApiHost(
    PortalPaths paths,
    IContainerService containers,
    IImageService images,
    IEventService events,
    INetworkService networks,
    ILoggerFactory loggerFactory,
    IVolumeService? volumes = null) : IHostedService, IAsyncDisposable
{
    private readonly ILogger logger = loggerFactory.CreateLogger<DockerApiHost>();
    private WebApplication? app;

    public string SocketPath => paths.DockerSocket;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the Docker API socket needs Linux");
        }

        PrepareSocketPath(paths.DockerSocket);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(DockerApiHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The main app's configuration (Kestrel endpoints, URLs) must not add listeners here.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, DockerApiHostLifetime>());
        builder.Services.AddSingleton(containers);
        builder.Services.AddSingleton(images);
        builder.Services.AddSingleton(events);
        builder.Services.AddSingleton(networks);
        if (volumes is not null)
        {
            builder.Services.AddSingleton(volumes);
        }
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = null;
            options.ListenUnixSocket(paths.DockerSocket, listen => listen.Use(HalfCloseConnectionContext.Middleware));
        });

        var web = builder.Build();
        web.MapDockerApi();
        await web.StartAsync(cancellationToken);
        app = web;

        File.SetUnixFileMode(paths.DockerSocket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        DockerApiLog.Listening(logger, paths.DockerSocket);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is null)
        {
            return;
        }

        await app.StopAsync(cancellationToken);
        await app.DisposeAsync();
        app = null;
        File.Delete(paths.DockerSocket);
        DockerApiLog.Stopped(logger, paths.DockerSocket);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
            app = null;
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void PrepareSocketPath(string socketPath)
    {
        var directory = Path.GetDirectoryName(socketPath)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // A socket left by a crashed run makes bind() fail with EADDRINUSE.
        if (File.Exists(socketPath) && (File.GetAttributes(socketPath) & FileAttributes.Directory) == 0)
        {
            File.Delete(socketPath);
        }
    }
}
