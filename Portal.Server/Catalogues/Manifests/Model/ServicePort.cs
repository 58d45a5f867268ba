namespace Portal.Server.Catalogues.Manifests;

/// <summary>A container port the appliance serves; the portal chooses the host port.</summary>
public sealed record ServicePort(int Port, string Protocol = "tcp")
{
    public override string ToString() => $"{Port}/{Protocol}";
}
