namespace Portal.Bench;

/// <summary>Wall times of one system in milliseconds, warm-up already left out.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public void Add(TimeSpan elapsed) => _values.Add(elapsed.TotalMilliseconds);

    public double Median
    {
        get
        {
            var sorted = Sorted();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public double Min => Sorted()[0];

    public double Max => Sorted()[^1];

    private double[] Sorted() => _values.Count == 0
        ? throw new InvalidOperationException("no samples")
        : [.. _values.Order()];
}
