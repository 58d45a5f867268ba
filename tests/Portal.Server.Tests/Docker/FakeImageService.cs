using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Server.Tests.Docker;

/// <summary>In-memory images. An archive whose bytes start with "bad" fails like a malformed one.</summary>
internal sealed class FakeImageService : IImageService
{
    private readonly List<ImageDetails> images = [];

    public long LastLoadBytes { get; private set; }

    public ImageDetails Add(string id, params string[] tags)
    {
        var image = new ImageDetails
        {
            Id = id,
            RepoTags = tags,
            Created = DateTimeOffset.UtcNow.AddDays(-3),
            Size = 1_234_567,
            Config = new ImageConfig { Cmd = ["sh"], Env = ["PATH=/bin"], Labels = new Dictionary<string, string> { ["org.example"] = "yes" } },
            DiffIds = ["sha256:" + new string('d', 64)],
        };
        images.Add(image);
        return image;
    }

    public async Task<IReadOnlyList<ImageLoadResult>> LoadAsync(Stream archive, CancellationToken cancellationToken = default)
    {
        using var copy = new MemoryStream();
        await archive.CopyToAsync(copy, cancellationToken);
        LastLoadBytes = copy.Length;
        if (copy.ToArray() is [(byte)'b', (byte)'a', (byte)'d', ..])
        {
            throw new ImageFormatException("archive: not a tar file (no manifest.json or index.json)");
        }

        var image = Add("sha256:" + new string('c', 64), "localhost/loaded:1");
        return [new ImageLoadResult(image.Id, image.RepoTags)];
    }

    public Task<IReadOnlyList<ImageLoadResult>> LoadDirectoryAsync(string ociLayoutDirectory, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<ImageDetails>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ImageDetails>>([.. images]);

    public Task<ImageDetails> InspectAsync(string reference, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(reference));

    public Task TagAsync(string reference, string repository, string tag, CancellationToken cancellationToken = default)
    {
        var image = Find(reference);
        images[images.IndexOf(image)] = image with { RepoTags = [.. image.RepoTags, $"{repository}:{tag}"] };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ImageDeleteResult>> RemoveAsync(string reference, bool force, CancellationToken cancellationToken = default)
    {
        var image = Find(reference);
        images.Remove(image);
        IReadOnlyList<ImageDeleteResult> results = [.. image.RepoTags.Select(t => new ImageDeleteResult(t, null)), new ImageDeleteResult(null, image.Id)];
        return Task.FromResult(results);
    }

    private ImageDetails Find(string reference)
    {
        var withTag = reference.Contains(':', StringComparison.Ordinal) && !reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference : reference + ":latest";
        return images.FirstOrDefault(i => i.RepoTags.Contains(withTag) || i.Id == reference || i.Id == "sha256:" + reference)
            ?? throw NotFoundException.Image(reference);
    }
}
