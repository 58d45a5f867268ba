namespace Portal.Engine.Images;

public enum LayerEntryType
{
    File,
    Directory,
    Symlink,
    Hardlink,
    CharDevice,
    BlockDevice,
    Fifo,
}
