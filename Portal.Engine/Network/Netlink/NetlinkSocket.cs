using System.Net.Sockets;
using System.Runtime.InteropServices;
using Portal.Engine.Interop;
using Tmds.Linux;

namespace Portal.Engine.Network.Netlink;

/// <summary>
/// A bound NETLINK_ROUTE socket with async, cancellable request/answer exchanges. One exchange at a time;
/// answers are matched by sequence number, so the late answer of a cancelled request is skipped.
/// The socket belongs to the network namespace of the thread that created it, for its whole life.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    // The kernel caps one dump datagram at 32 KiB; twice that leaves room for large single replies.
    private const int ReceiveBufferSize = 64 * 1024;
    private const int MaxDumpAttempts = 5;

    private readonly Socket _socket;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private uint _sequence;

    private NetlinkSocket(Socket socket, uint portId)
    {
        _socket = socket;
        PortId = portId;
    }

    /// <summary>The port id the kernel assigned at bind.</summary>
    public uint PortId { get; }

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static unsafe NetlinkSocket Open()
    {
        // .NET's Socket constructor refuses AF_NETLINK (EAFNOSUPPORT), but it adopts a socket made by libc.
        var fd = LibC.socket(Rtnl.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Rtnl.NETLINK_ROUTE);
        if (fd == -1)
        {
            throw LinuxException.FromLastError("socket", "AF_NETLINK NETLINK_ROUTE");
        }

        try
        {
            var one = 1;
            // CAP_ACK: errors echo only the request's header; EXT_ACK: the kernel says what it disliked.
            // Both are best effort (old kernels lack EXT_ACK).
            _ = LibC.setsockopt(fd, Rtnl.SOL_NETLINK, Rtnl.NETLINK_CAP_ACK, &one, sizeof(int));
            _ = LibC.setsockopt(fd, Rtnl.SOL_NETLINK, Rtnl.NETLINK_EXT_ACK, &one, sizeof(int));

            var address = new Native.SockaddrNl { Family = Rtnl.AF_NETLINK };
            if (LibC.bind(fd, (sockaddr*)&address, (socklen_t)sizeof(Native.SockaddrNl)) == -1)
            {
                throw LinuxException.FromLastError("bind", "AF_NETLINK NETLINK_ROUTE");
            }

            var length = (socklen_t)sizeof(Native.SockaddrNl);
            if (LibC.getsockname(fd, (sockaddr*)&address, &length) == -1)
            {
                throw LinuxException.FromLastError("getsockname", "AF_NETLINK NETLINK_ROUTE");
            }

            return new NetlinkSocket(new Socket(new SafeSocketHandle(fd, ownsHandle: true)), address.PortId);
        }
        catch
        {
            _ = LibC.close(fd);
            throw;
        }
    }

    /// <summary>
    /// Opens a socket inside another network namespace. The setns happens on a fresh dedicated thread that
    /// switches back and then ends, so no pool thread ever changes namespace; the socket stays in the
    /// target namespace.
    /// </summary>
    public static NetlinkSocket OpenIn(SafeHandle networkNamespace, string description)
    {
        NetlinkSocket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                socket = OpenOnThisThreadIn(networkNamespace, description);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = "netlink setns",
        };
        thread.Start();
        thread.Join();
        return failure is null ? socket! : throw failure;
    }

    private static NetlinkSocket OpenOnThisThreadIn(SafeHandle networkNamespace, string description)
    {
        var home = OpenNamespaceFile("/proc/thread-self/ns/net");
        try
        {
            var added = false;
            networkNamespace.DangerousAddRef(ref added);
            try
            {
                if (LibC.setns((int)networkNamespace.DangerousGetHandle(), Native.CLONE_NEWNET) == -1)
                {
                    throw LinuxException.FromLastError("setns CLONE_NEWNET", description);
                }
            }
            finally
            {
                networkNamespace.DangerousRelease();
            }

            try
            {
                return Open();
            }
            finally
            {
                _ = LibC.setns(home, Native.CLONE_NEWNET);
            }
        }
        finally
        {
            _ = LibC.close(home);
        }
    }

    internal static unsafe int OpenNamespaceFile(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            var fd = LibC.open(p, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
            return fd == -1 ? throw LinuxException.FromLastError("open", path) : fd;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns the replies (for a dump, every part until NLMSG_DONE).
    /// A kernel error becomes a <see cref="LinuxException"/> naming <paramref name="operation"/> and <paramref name="target"/>.
    /// </summary>
    public async Task<List<NetlinkMessage>> ExchangeAsync(
        NetlinkMessageWriter request, string operation, string target, CancellationToken cancellationToken)
    {
        var dump = request.IsDump;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var sequence = ++_sequence;
                var exchange = new NetlinkExchange(operation, target, sequence, PortId, dump);
                await SendAsync(request.ToArray(sequence), operation, target, cancellationToken);
                while (!exchange.IsComplete)
                {
                    var received = await ReceiveAsync(operation, target, cancellationToken);
                    exchange.Accept(_receive.AsSpan(0, received));
                }

                if (!exchange.Interrupted)
                {
                    return exchange.Replies;
                }

                if (attempt == MaxDumpAttempts)
                {
                    throw new LinuxException(operation, $"{target} [dump kept changing]", ErrnoNames.EINTR);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SendAsync(byte[] message, string operation, string target, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(message, SocketFlags.None, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new LinuxException($"send {operation}", target, ex.NativeErrorCode);
        }
    }

    private async Task<int> ReceiveAsync(string operation, string target, CancellationToken cancellationToken)
    {
        try
        {
            return await _socket.ReceiveAsync(_receive, SocketFlags.None, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new LinuxException($"recv {operation}", target, ex.NativeErrorCode);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _gate.Dispose();
    }
}
