using Portal.Client.Components.Logs;

namespace Portal.Client.Tests.Logs;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m text", "red text")]
    [InlineData("\u001b[1;38;5;196mbold\u001b[m", "bold")]
    [InlineData("\u001b]0;window title\u0007after", "after")]
    [InlineData("\u001b]8;;http://x\u001b\\link", "link")]
    [InlineData("a\u001b[2Kb\u001b[Ac", "abc")]
    [InlineData("plain <script>alert(1)</script>", "plain <script>alert(1)</script>")]
    [InlineData("tab\tstays", "tab\tstays")]
    public void Escape_sequences_are_removed_and_text_stays(string raw, string shown) =>
        Assert.Equal(shown, LogText.Clean(raw));

    [Fact]
    public void Other_control_characters_become_visible_pictures()
    {
        Assert.Equal("a\u240db\u2407c\u2421", LogText.Clean("a\rb\u0007c\u007f"));
        Assert.Equal("cut", LogText.Clean("cut\u001b"));
    }
}
