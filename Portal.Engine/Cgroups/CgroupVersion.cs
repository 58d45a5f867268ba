namespace Portal.Engine.Cgroups;

public enum CgroupVersion
{
    V1 = 1,
    V2 = 2,
}
