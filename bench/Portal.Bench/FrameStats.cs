namespace Portal.Bench;

/// <summary>What <see cref="FrameProbe.Stop"/> returns for one measured window; <c>Newest</c> and <c>StartNewest</c> are the newest line number shown at its end and start.</summary>
internal sealed record FrameStats(
    int Frames, double P50, double P95, double Max, int Over50, int LongTasks, double LongTaskMs, double LongTaskMax,
    int Nodes, int LogNodes, int TextNodes, double Heap, double Newest, double StartNewest, double? FirstLineAt);
