namespace Portal.Client.Components.Logs;

/// <summary>Case-insensitive plain-text search in log lines: which lines match, and each line cut into matched and unmatched pieces.</summary>
public static class LogSearch
{
    public static bool Matches(string text, string? term) =>
        !string.IsNullOrEmpty(term) && text.Contains(term, StringComparison.OrdinalIgnoreCase);

    public static int CountLines(IEnumerable<LogEntry> lines, string? term) =>
        string.IsNullOrEmpty(term) ? 0 : lines.Count(l => Matches(l.Text, term));

    /// <summary>The line in order; without a term, one unmatched piece.</summary>
    public static IReadOnlyList<TextSegment> Segments(string text, string? term)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(term))
        {
            return [new TextSegment(text, false)];
        }

        var segments = new List<TextSegment>();
        var at = 0;
        while (at < text.Length)
        {
            var found = text.IndexOf(term, at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                break;
            }

            if (found > at)
            {
                segments.Add(new TextSegment(text[at..found], false));
            }

            segments.Add(new TextSegment(text.Substring(found, term.Length), true));
            at = found + term.Length;
        }

        if (at < text.Length || segments.Count == 0)
        {
            segments.Add(new TextSegment(text[at..], false));
        }

        return segments;
    }
}
