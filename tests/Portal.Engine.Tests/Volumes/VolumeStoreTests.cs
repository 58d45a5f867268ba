using Portal.Engine.Errors;
using Portal.Engine.Tests.TestSupport;
using Portal.Engine.Volumes;

namespace Portal.Engine.Tests.Volumes;

public sealed class VolumeStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("notes")]
    [InlineData("a1")]
    [InlineData("my_app.data-2")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Docker_style_names_are_accepted(string name) => Assert.Equal(name, VolumeNames.Validate(name, "Name"));

    [Theory]
    [InlineData("..")]
    [InlineData("../../etc")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData("x")]
    [InlineData("sp ace")]
    [InlineData("nul\0")]
    [InlineData("")]
    public void Hostile_or_malformed_names_are_refused_naming_the_field(string name)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => VolumeNames.Validate(name, "HostConfig.Binds"));
        Assert.StartsWith("HostConfig.Binds: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anonymous_names_are_64_hex_digits()
    {
        var name = VolumeNames.NewAnonymous();
        Assert.Matches("^[0-9a-f]{64}$", name);
        Assert.True(VolumeNames.IsValid(name));
    }

    [Fact]
    public void Create_persists_metadata_and_an_empty_data_directory_and_is_idempotent()
    {
        var store = new VolumeStore(temp.Path);
        var (record, created) = store.Create("notes", new Dictionary<string, string> { ["team"] = "a" }, anonymous: false, Now);
        Assert.True(created);
        Assert.Empty(Directory.EnumerateFileSystemEntries(store.DataPathOf("notes")));
        Assert.Equal(temp.Combine("volumes", "notes", "_data"), store.DataPathOf("notes"));

        File.WriteAllText(Path.Combine(store.DataPathOf("notes"), "keep"), "x");
        var (again, createdAgain) = store.Create("notes", new Dictionary<string, string>(), anonymous: true, Now.AddDays(1));
        Assert.False(createdAgain);
        Assert.Equal(Now, again.CreatedAt);
        Assert.Equal("a", again.Labels["team"]);
        Assert.False(again.Anonymous);
        Assert.True(File.Exists(Path.Combine(store.DataPathOf("notes"), "keep")));

        var reloaded = new VolumeStore(temp.Path).Get("notes");
        Assert.Equal(record.Name, reloaded!.Name);
        Assert.Equal(Now, reloaded.CreatedAt);
        Assert.Equal("local", reloaded.Driver);
    }

    [Fact]
    public void Delete_removes_data_and_metadata_and_startup_sweeps_unfinished_work()
    {
        var store = new VolumeStore(temp.Path);
        store.Create("gone", new Dictionary<string, string>(), anonymous: true, Now);
        File.WriteAllText(Path.Combine(store.DataPathOf("gone"), "f"), "12345");
        Assert.Equal(5, store.SizeOf("gone"));
        Assert.True(store.Delete("gone"));
        Assert.False(store.Delete("gone"));
        Assert.Null(store.Get("gone"));
        Assert.False(Directory.Exists(temp.Combine("volumes", "gone")));

        Directory.CreateDirectory(temp.Combine("volumes", ".tmp-crashed", "_data"));
        Directory.CreateDirectory(temp.Combine("volumes", ".del-crashed", "_data"));
        var reopened = new VolumeStore(temp.Path);
        Assert.Empty(reopened.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Combine("volumes")));
    }

    [Fact]
    public void Get_of_a_path_trick_finds_nothing_and_data_path_refuses_it()
    {
        var store = new VolumeStore(temp.Path);
        Assert.Null(store.Get(".."));
        Assert.Null(store.Get("../containers"));
        Assert.Throws<InvalidArgumentException>(() => store.DataPathOf("../x"));
        Assert.Throws<InvalidArgumentException>(() => store.Create("../x", new Dictionary<string, string>(), false, Now));
    }
}
