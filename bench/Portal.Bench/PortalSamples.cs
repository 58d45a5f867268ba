namespace Portal.Bench;

internal sealed class PortalSamples
{
    public Samples Run { get; } = new();
    public Samples RunAndRemove { get; } = new();
    public Samples Create { get; } = new();
    public Samples Start { get; } = new();
    public Samples Wait { get; } = new();
    public Samples Remove { get; } = new();
    public Samples CheckPorts { get; } = new();
    public Samples Attach { get; } = new();
    public Samples Publish { get; } = new();
    public Samples Detach { get; } = new();
    public Samples NetworkTotal { get; } = new();

    public void Add(PortalRun run)
    {
        Run.Add(run.Run);
        RunAndRemove.Add(run.RunAndRemove);
        Create.Add(run.Create);
        Start.Add(run.Start);
        Wait.Add(run.Wait);
        Remove.Add(run.Remove);
        if (run.Network is { } network)
        {
            CheckPorts.Add(network.CheckPorts);
            Attach.Add(network.Attach);
            Publish.Add(network.Publish);
            Detach.Add(network.Detach);
            NetworkTotal.Add(network.CheckPorts + network.Attach + network.Publish + network.Detach);
        }
    }
}
