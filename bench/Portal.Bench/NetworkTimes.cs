namespace Portal.Bench;

/// <summary>Time one run spent in each container-network call.</summary>
internal sealed record NetworkTimes(TimeSpan CheckPorts, TimeSpan Attach, TimeSpan Publish, TimeSpan Detach);
