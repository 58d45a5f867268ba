using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Images;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Images;

/// <summary>A store in a scratch directory, with a canary directory beside it that no import may touch.</summary>
public sealed class StoreHarness : IDisposable
{
    private readonly TempDirectory _temp = new("portal-images-");

    public StoreHarness(Action<EngineOptions>? configure = null)
    {
        Options = new EngineOptions { RootDirectory = _temp.Combine("store") };
        configure?.Invoke(Options);
        Canary = _temp.Combine("canary");
        Directory.CreateDirectory(Canary);
        File.WriteAllText(Path.Combine(Canary, "keep"), "canary");
        Store = new ImageStore(Options, NullLogger<ImageStore>.Instance);
    }

    public EngineOptions Options { get; }
    public ImageStore Store { get; }
    public string Root => Options.RootDirectory;
    public string Canary { get; }
    public string Scratch => _temp.Path;

    public string[] LayerDirectories => Directory.GetDirectories(Path.Combine(Root, "layers"));

    public ImageStore Reopen() => new(Options, NullLogger<ImageStore>.Instance);

    public async Task<IReadOnlyList<ImageLoadResult>> LoadAsync(byte[] archive) =>
        await Store.LoadAsync(new NonSeekableStream(archive), TestContext.Current.CancellationToken);

    /// <summary>Everything below the store root and the canary: path, kind and size, for before/after comparison.</summary>
    public string Snapshot() => string.Join('\n', new[] { Root, Canary }.SelectMany(Listing));

    /// <summary>The whole scratch area except the store and canary must stay empty of anything an import wrote.</summary>
    public string[] StrayFiles() => [.. Directory.EnumerateFileSystemEntries(Scratch)
        .Where(p => p != Root && p != Canary)];

    private static IEnumerable<string> Listing(string root) =>
        new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(i => $"{Path.GetRelativePath(root, i.FullName)} {(i is DirectoryInfo ? "d" : i.LinkTarget is not null ? "l" : "f " + ((FileInfo)i).Length)}")
            .Order(StringComparer.Ordinal)
            .Prepend(root);

    public void Dispose()
    {
        Store.Dispose();
        _temp.Dispose();
    }
}
