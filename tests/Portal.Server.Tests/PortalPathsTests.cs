using Portal.Server.Extensions;

namespace Portal.Server.Tests;

public sealed class PortalPathsTests
{
    [Fact]
    public void Socket_defaults_to_engine_sock_in_the_data_directory()
    {
        var paths = PortalPaths.Resolve(new PortalOptions { DataDirectory = "./data" }, "/srv/portal");
        Assert.Equal("/srv/portal/data", paths.DataDirectory);
        Assert.Equal("/srv/portal/data/engine.sock", paths.DockerSocket);
        Assert.Equal("/srv/portal/data/engine", paths.EngineDirectory);
    }

    [Fact]
    public void Explicit_socket_is_taken_from_the_content_root()
    {
        var paths = PortalPaths.Resolve(new PortalOptions { DataDirectory = "/var/lib/portal", DockerSocket = "run/d.sock" }, "/srv/portal");
        Assert.Equal("/var/lib/portal", paths.DataDirectory);
        Assert.Equal("/srv/portal/run/d.sock", paths.DockerSocket);
    }
}
