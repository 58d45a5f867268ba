namespace Portal.Client.Components.Admin;

public enum UsageColumn
{
    Name,
    Team,
    Appliance,
    Status,
    Cpu,
    Memory,
}
