using Portal.Server.Deployments;

namespace Portal.Server.Tests.Deployments;

internal sealed class FixedHostMemory(long totalBytes) : IHostMemory
{
    public long TotalBytes { get; set; } = totalBytes;
}
