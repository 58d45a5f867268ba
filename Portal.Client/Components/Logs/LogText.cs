using System.Text;

namespace Portal.Client.Components.Logs;

/// <summary>
/// Log text made inert for display: terminal escape sequences (CSI such as ESC[31m, OSC such as window titles, and
/// two-character ESC sequences) are removed, and other control characters become their visible Unicode pictures
/// (U+2400…), so nothing a container prints can move the cursor, hide text or act as markup. Markup itself stays
/// literal text: Razor escapes it.
/// </summary>
public static class LogText
{
    private const char Esc = '\u001b';
    private const char Bel = '\u0007';

    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Esc || c == '\u009b')
            {
                i = SkipEscape(text, i);
            }
            else if (c == '\t')
            {
                result.Append(c);
            }
            else if (c < ' ')
            {
                result.Append((char)(0x2400 + c));
            }
            else if (c == '\u007f')
            {
                result.Append('\u2421');
            }
            else if (!char.IsControl(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>The index of the sequence's last character.</summary>
    private static int SkipEscape(string text, int start)
    {
        var i = start;
        if (text[i] == Esc)
        {
            i++;
            if (i >= text.Length)
            {
                return text.Length - 1;
            }

            if (text[i] == ']')
            {
                // OSC: ends at BEL or ESC \
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == Bel)
                    {
                        return i;
                    }

                    if (text[i] == Esc && i + 1 < text.Length && text[i + 1] == '\\')
                    {
                        return i + 1;
                    }
                }

                return text.Length - 1;
            }

            if (text[i] != '[')
            {
                return i;
            }
        }

        // CSI: parameter and intermediate bytes (0x20–0x3F), then one final byte (0x40–0x7E).
        for (i++; i < text.Length; i++)
        {
            if (text[i] is >= '@' and <= '~')
            {
                return i;
            }

            if (text[i] is < ' ' or > '?')
            {
                return i - 1;
            }
        }

        return text.Length - 1;
    }
}
