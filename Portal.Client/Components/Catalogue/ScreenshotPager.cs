namespace Portal.Client.Components.Catalogue;

/// <summary>Which screenshot of a set the large view shows; moves wrap around, keys follow the carousel pattern (arrows, Home, End).</summary>
public sealed class ScreenshotPager(int count, int start = 0)
{
    public int Count { get; } = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "a pager needs at least one screenshot");

    public int Index { get; private set; } = Math.Clamp(start, 0, Math.Max(count - 1, 0));

    /// <summary>"2 of 5".</summary>
    public string Position => $"{Index + 1} of {Count}";

    public void Next() => Index = (Index + 1) % Count;

    public void Previous() => Index = (Index + Count - 1) % Count;

    /// <summary>Moves for ArrowRight, ArrowLeft, Home and End (KeyboardEventArgs.Key); false for any other key.</summary>
    public bool Handle(string key)
    {
        switch (key)
        {
            case "ArrowRight": Next(); return true;
            case "ArrowLeft": Previous(); return true;
            case "Home": Index = 0; return true;
            case "End": Index = Count - 1; return true;
            default: return false;
        }
    }
}
