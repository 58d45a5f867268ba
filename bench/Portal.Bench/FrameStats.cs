namespace Portal.Bench;

/// <summary>What <see cref="FrameProbe.Stop"/> returns for one measured window.</summary>
internal sealed record FrameStats(
    int Frames, double P50, double P95, double Max, int Over50, int LongTasks, double LongTaskMs, double LongTaskMax,
    int Nodes, int LogNodes, int TextNodes, double Heap, double Newest, double? FirstLineAt);
