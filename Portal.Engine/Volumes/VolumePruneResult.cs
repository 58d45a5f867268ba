namespace Portal.Engine.Volumes;

public sealed record VolumePruneResult(IReadOnlyList<string> Deleted, long SpaceReclaimed);
