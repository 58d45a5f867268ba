using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues;

public sealed class ManifestValuesTests
{
    [Theory]
    [InlineData("256Mi", 256L << 20)]
    [InlineData("256m", 256L << 20)]
    [InlineData("256MB", 256L << 20)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("512k", 512L << 10)]
    [InlineData("1024", 1024L)]
    [InlineData("2t", 2L << 40)]
    public void Sizes_are_binary(string text, long bytes) => Assert.Equal(bytes, ManifestValues.ParseByteSize(text));

    [Theory]
    [InlineData("lots")]
    [InlineData("-1m")]
    [InlineData("12 parsecs")]
    [InlineData("")]
    public void Bad_sizes_are_null(string text) => Assert.Null(ManifestValues.ParseByteSize(text));

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1500)]
    public void Durations_follow_compose(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ManifestValues.ParseDuration(text));

    [Theory]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("1 minute")]
    public void Bad_durations_are_null(string text) => Assert.Null(ManifestValues.ParseDuration(text));

    [Theory]
    [InlineData("net_raw", "NET_RAW")]
    [InlineData("CAP_SYS_ADMIN", "SYS_ADMIN")]
    [InlineData("FLY", null)]
    public void Capabilities_normalize(string name, string? expected) => Assert.Equal(expected, ManifestValues.NormalizeCapability(name));

    [Theory]
    [InlineData("echo hi", new[] { "echo", "hi" })]
    [InlineData("sh -c 'a b' \"c \\\"d\\\"\"", new[] { "sh", "-c", "a b", "c \"d\"" })]
    [InlineData("a\\ b  c", new[] { "a b", "c" })]
    [InlineData("x ''", new[] { "x", "" })]
    public void Shell_words_split_like_compose(string text, string[] words) => Assert.Equal(words, ShellWords.Split(text));
}
