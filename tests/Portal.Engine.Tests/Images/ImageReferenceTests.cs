using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Images;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "busybox:latest")]
    [InlineData("busybox:1.36", "busybox:1.36")]
    [InlineData("docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("index.docker.io/library/busybox", "busybox:latest")]
    [InlineData("docker.io/someone/tool:2", "someone/tool:2")]
    [InlineData("localhost/x:1", "localhost/x:1")]
    [InlineData("localhost:5000/team/app", "localhost:5000/team/app:latest")]
    [InlineData("registry.example.com/a/b/c:v1.2-rc_3", "registry.example.com/a/b/c:v1.2-rc_3")]
    public void Normalize_GivesDockersDisplayForm(string reference, string expected) =>
        Assert.Equal(expected, ImageReference.Normalize(reference));

    [Theory]
    [InlineData("Busybox", "must be lowercase")]
    [InlineData("busybox:", "invalid tag")]
    [InlineData("busybox:-bad", "invalid tag")]
    [InlineData("a//b", "invalid name component")]
    [InlineData("busybox@sha256:abc", "digest references are not supported")]
    [InlineData("", "empty name")]
    public void Normalize_RefusesBadNames(string reference, string expected)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => ImageReference.Normalize(reference));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepositoryAndTag_DefaultToLatest()
    {
        Assert.Equal("localhost/app:latest", ImageReference.Normalize("localhost/app", ""));
        Assert.Equal("app:2", ImageReference.Normalize("docker.io/library/app", "2"));
    }
}
