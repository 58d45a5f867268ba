namespace Portal.Client.Contracts;

/// <summary>/proc/loadavg: runnable and uninterruptible tasks averaged over 1, 5 and 15 minutes.</summary>
public readonly record struct LoadAverage(double One, double Five, double Fifteen);
