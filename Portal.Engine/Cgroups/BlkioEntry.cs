namespace Portal.Engine.Cgroups;

/// <summary>One row of Docker's blkio_stats.io_service_bytes_recursive: op is "read", "write", ...</summary>
public sealed record BlkioEntry(long Major, long Minor, string Op, ulong Value);
