namespace Portal.Engine.Interop;

/// <summary>Symbolic names of the errno values the engine meets (x86_64 and aarch64 share them).</summary>
public static class ErrnoNames
{
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, EBADF = 9, ECHILD = 10,
        EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18,
        ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOSPC = 28, EROFS = 30,
        EMLINK = 31, EPIPE = 32, ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39,
        ELOOP = 40, ENODATA = 61, EOPNOTSUPP = 95, EADDRINUSE = 98, EAFNOSUPPORT = 97;

    public const int ENODEV = 19, EPROTO = 71, EADDRNOTAVAIL = 99, ENETUNREACH = 101, ENOBUFS = 105;

    private static readonly Dictionary<int, string> Names = new()
    {
        [EPERM] = "EPERM",
        [ENOENT] = "ENOENT",
        [ESRCH] = "ESRCH",
        [EINTR] = "EINTR",
        [EIO] = "EIO",
        [EBADF] = "EBADF",
        [ECHILD] = "ECHILD",
        [EAGAIN] = "EAGAIN",
        [ENOMEM] = "ENOMEM",
        [EACCES] = "EACCES",
        [EFAULT] = "EFAULT",
        [EBUSY] = "EBUSY",
        [EEXIST] = "EEXIST",
        [EXDEV] = "EXDEV",
        [ENOTDIR] = "ENOTDIR",
        [EISDIR] = "EISDIR",
        [EINVAL] = "EINVAL",
        [ENFILE] = "ENFILE",
        [EMFILE] = "EMFILE",
        [ENOSPC] = "ENOSPC",
        [EROFS] = "EROFS",
        [EMLINK] = "EMLINK",
        [EPIPE] = "EPIPE",
        [ERANGE] = "ERANGE",
        [ENAMETOOLONG] = "ENAMETOOLONG",
        [ENOSYS] = "ENOSYS",
        [ENOTEMPTY] = "ENOTEMPTY",
        [ELOOP] = "ELOOP",
        [ENODATA] = "ENODATA",
        [EOPNOTSUPP] = "EOPNOTSUPP",
        [EADDRINUSE] = "EADDRINUSE",
        [EAFNOSUPPORT] = "EAFNOSUPPORT",
        [ENODEV] = "ENODEV",
        [EPROTO] = "EPROTO",
        [EADDRNOTAVAIL] = "EADDRNOTAVAIL",
        [ENETUNREACH] = "ENETUNREACH",
        [ENOBUFS] = "ENOBUFS",
    };

    public static string Name(int errno) => Names.TryGetValue(errno, out var name) ? name : $"errno {errno}";
}
