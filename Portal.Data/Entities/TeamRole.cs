namespace Portal.Data.Entities;

public enum TeamRole
{
    Member,
    Owner,
}
