namespace Portal.Client.Contracts;

/// <summary>
/// statfs of the data directory's filesystem. Used = total − all free blocks (as df counts it); Free = the blocks
/// available to unprivileged users (f_bavail), so Used + Free can be less than Total by the root reserve.
/// </summary>
public readonly record struct DiskSpace(ulong TotalBytes, ulong UsedBytes, ulong FreeBytes);
