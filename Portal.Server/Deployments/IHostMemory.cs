namespace Portal.Server.Deployments;

/// <summary>The host's physical memory, for admission control.</summary>
public interface IHostMemory
{
    long TotalBytes { get; }
}
