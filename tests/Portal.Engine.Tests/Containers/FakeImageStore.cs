using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Containers;

internal sealed class FakeImageStore : IImageStore
{
    private Func<string, bool> _inUse = _ => false;

    public Dictionary<string, ImageDetails> Images { get; } = new()
    {
        ["busybox:latest"] = new ImageDetails
        {
            Id = "sha256:" + new string('b', 64),
            RepoTags = ["busybox:latest"],
            Config = new ImageConfig { Cmd = ["sh"], Env = ["PATH=/bin", "A=image"], WorkingDir = "/srv", Labels = new Dictionary<string, string> { ["vendor"] = "x" } },
        },
    };

    public bool InUse(string imageId) => _inUse(imageId);

    public Task<ImageDetails> InspectAsync(string reference, CancellationToken cancellationToken = default) =>
        Images.TryGetValue(reference.Contains(':', StringComparison.Ordinal) ? reference : reference + ":latest", out var image)
            ? Task.FromResult(image)
            : throw NotFoundException.Image(reference);

    public IReadOnlyList<string> GetLayerDirectories(string imageId) => ["/layers/a", "/layers/b"];

    public void SetUsageCheck(Func<string, bool> isImageInUse) => _inUse = isImageInUse;

    public Task<IReadOnlyList<ImageLoadResult>> LoadAsync(Stream archive, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<ImageLoadResult>> LoadDirectoryAsync(string ociLayoutDirectory, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<ImageDetails>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ImageDetails>>(Images.Values.ToList());
    public Task TagAsync(string reference, string repository, string tag, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<ImageDeleteResult>> RemoveAsync(string reference, bool force, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
