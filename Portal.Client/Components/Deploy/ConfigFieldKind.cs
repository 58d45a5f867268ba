namespace Portal.Client.Components.Deploy;

/// <summary>The control a setting is rendered with.</summary>
public enum ConfigFieldKind
{
    Text,
    Integer,
    Number,
    Boolean,
    Choice,
    Secret,
}
