namespace Portal.Server.Apis.Docker;

/// <summary>The socket app lives inside the main host: it must not install its own Ctrl+C/SIGTERM handling.</summary>
internal sealed class DockerApiHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
