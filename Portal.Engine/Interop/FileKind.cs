namespace Portal.Engine.Interop;

/// <summary>What lstat found at a path (the link itself, never its target).</summary>
public enum FileKind
{
    Missing,
    Directory,
    File,
    Symlink,
    Other,
}
