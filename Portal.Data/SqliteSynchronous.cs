namespace Portal.Data;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels Portal allows with WAL.</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// fsync at checkpoints only. Never corrupts; after a power cut (not a crash) the last commits may be
    /// rolled back.
    /// </summary>
    Normal,

    /// <summary>fsync the WAL on every commit: an acknowledged commit survives a power cut.</summary>
    Full,
}
