using System.Collections;

namespace Portal.Client.Components.Logs;

/// <summary>
/// The lines of a <see cref="LogBuffer"/> as a read-only list, oldest first, without copying them: it reads the ring
/// as it is now. Virtualize asks a list for the window it shows (Linq's Skip/Take index an <see cref="IList{T}"/>),
/// so a render costs the window, not the 5000 lines.
/// </summary>
public sealed class LogLines : IList<LogEntry>, IReadOnlyList<LogEntry>
{
    private readonly LogBuffer _buffer;

    internal LogLines(LogBuffer buffer) => _buffer = buffer;

    public int Count => _buffer.Count;

    public bool IsReadOnly => true;

    public LogEntry this[int index]
    {
        get => _buffer.At(index);
        set => throw ReadOnly();
    }

    public int IndexOf(LogEntry item)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Equals(this[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    public bool Contains(LogEntry item) => IndexOf(item) >= 0;

    public void CopyTo(LogEntry[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        for (var i = 0; i < Count; i++)
        {
            array[arrayIndex + i] = this[i];
        }
    }

    public IEnumerator<LogEntry> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(LogEntry item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    public void Insert(int index, LogEntry item) => throw ReadOnly();

    public bool Remove(LogEntry item) => throw ReadOnly();

    public void RemoveAt(int index) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("the log's lines are read-only: add them through LogBuffer.Add");
}
