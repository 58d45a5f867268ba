using System.Runtime.InteropServices;

namespace Portal.Engine.Interop;

/// <summary>
/// The one errno exception: names the operation, the path and the errno,
/// e.g. <c>mount overlay on /x: EPERM (Operation not permitted)</c>.
/// </summary>
public sealed class LinuxException : Exception
{
    public LinuxException(string operation, string? path, int errno)
        : base(Format(operation, path, errno))
    {
        Operation = operation;
        Path = path;
        Errno = errno;
    }

    public string Operation { get; }
    public string? Path { get; }
    public int Errno { get; }

    /// <summary>Builds the exception from the errno the last P/Invoke left behind.</summary>
    public static LinuxException FromLastError(string operation, string? path = null) =>
        new(operation, path, Marshal.GetLastPInvokeError());

    private static string Format(string operation, string? path, int errno)
    {
        var where = string.IsNullOrEmpty(path) ? operation : $"{operation} {path}";
        return $"{where}: {ErrnoNames.Name(errno)} ({Marshal.GetPInvokeErrorMessage(errno)})";
    }
}
