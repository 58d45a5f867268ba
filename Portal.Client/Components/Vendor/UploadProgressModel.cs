using System.Globalization;
using Portal.Client.Components.Format;

namespace Portal.Client.Components.Vendor;

/// <summary>
/// Where an upload is, from the hub's ImportProgress messages (docs/live.md): the phase, its percentage when the
/// message has a total, the item in work, and the outcome once finished. Messages older than one already applied are
/// ignored (a late subscriber may get the newest message first).
/// </summary>
public sealed class UploadProgressModel
{
    private static readonly string[] Phases = ["Receiving", "Validating", "ImportingImages", "Saving", "Finished"];

    private long _sequence = -1;

    public string Phase { get; private set; } = "Receiving";

    public long Done { get; private set; }

    public long? Total { get; private set; }

    public string? Item { get; private set; }

    public bool Finished { get; private set; }

    public string? Outcome { get; private set; }

    public int Problems { get; private set; }

    /// <summary>Whether any message arrived; until then the bar shows the upload starting.</summary>
    public bool Started { get; private set; }

    /// <summary>0–100 within the phase, or null when the phase has no total (the bar is indeterminate).</summary>
    public double? Percent => Finished ? 100
        : Total is > 0 and var total ? Math.Clamp(Done * 100.0 / total, 0, 100)
        : null;

    /// <summary>1-based step of the five phases.</summary>
    public int Step => Math.Max(0, Array.IndexOf(Phases, Phase)) + 1;

    public static int Steps => Phases.Length;

    public string PhaseLabel => Phase switch
    {
        "Receiving" => "Receiving",
        "Validating" => "Validating",
        "ImportingImages" => "Importing images",
        "Saving" => "Saving",
        "Finished" => "Finished",
        var other => other,
    };

    /// <summary>What the bar's caption says, e.g. "Receiving: 45 % (4.5 MiB of 10.0 MiB)".</summary>
    public string Caption
    {
        get
        {
            if (!Started)
            {
                return "Starting the upload…";
            }

            if (Finished)
            {
                return Problems > 0 ? $"Finished: {Outcome} ({Problems} problem{(Problems == 1 ? "" : "s")})" : $"Finished: {Outcome}";
            }

            var text = PhaseLabel;
            if (Percent is { } percent)
            {
                text += string.Create(CultureInfo.InvariantCulture, $": {percent:0} %");
                text += Phase == "Receiving" ? $" ({Units.Bytes(Done)} of {Units.Bytes(Total!.Value)})" : $" ({Done} of {Total})";
            }
            else if (Phase == "Receiving")
            {
                text += $": {Units.Bytes(Done)}";
            }

            return Item is { Length: > 0 } item ? $"{text} · {item}" : text;
        }
    }

    public void Reset()
    {
        _sequence = -1;
        (Phase, Done, Total, Item, Finished, Outcome, Problems, Started) = ("Receiving", 0, null, null, false, null, 0, false);
    }

    /// <returns>Whether the message changed anything.</returns>
    public bool Apply(ImportProgressMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Sequence <= _sequence || Finished)
        {
            return false;
        }

        _sequence = message.Sequence;
        Started = true;
        Phase = message.Finished ? "Finished" : message.Phase;
        Done = message.Done;
        Total = message.Total;
        Item = message.Item;
        Finished = message.Finished;
        Outcome = message.Outcome;
        Problems = message.Problems;
        return true;
    }
}
