using System.Runtime.InteropServices;
using Portal.Engine.Interop;

namespace Portal.Engine.Network.Netlink;

/// <summary>
/// Collects the kernel's answer to one request from the datagrams that arrive: replies with our sequence
/// number until the ACK (NLMSG_ERROR with errno 0) or, for a dump, NLMSG_DONE. Anything else
/// (stale answers to a cancelled request, notifications) is skipped.
/// </summary>
internal sealed class NetlinkExchange(string operation, string target, uint sequence, uint portId, bool dump)
{
    public List<NetlinkMessage> Replies { get; } = [];

    /// <summary>The kernel flagged the dump as inconsistent (changed while being dumped): ask again.</summary>
    public bool Interrupted { get; private set; }

    public bool IsComplete { get; private set; }

    /// <returns>true once the answer is complete.</returns>
    public bool Accept(ReadOnlySpan<byte> datagram)
    {
        List<NetlinkMessage> messages;
        try
        {
            messages = NetlinkMessage.Split(datagram);
        }
        catch (InvalidDataException ex)
        {
            throw new LinuxException(operation, $"{target} [{ex.Message}]", ErrnoNames.EPROTO);
        }

        foreach (var message in messages)
        {
            if (message.Sequence != sequence || (message.PortId != portId && message.PortId != 0))
            {
                continue;
            }

            if ((message.Flags & Rtnl.NLM_F_DUMP_INTR) != 0)
            {
                Interrupted = true;
            }

            switch (message.Type)
            {
                case Rtnl.NLMSG_NOOP:
                    continue;
                case Rtnl.NLMSG_ERROR:
                    IsComplete = true;
                    var error = DecodeError(message, operation, target);
                    if (error is not null)
                    {
                        throw error;
                    }

                    return true;
                case Rtnl.NLMSG_DONE when dump:
                    IsComplete = true;
                    if (message.Payload.Length >= 4 && MemoryMarshal.Read<int>(message.Payload.Span) is < 0 and var code)
                    {
                        throw new LinuxException(operation, target, -code);
                    }

                    return true;
                case Rtnl.NLMSG_OVERRUN:
                    throw new LinuxException(operation, $"{target} [receive buffer overrun]", ErrnoNames.EIO);
                default:
                    Replies.Add(message);
                    continue;
            }
        }

        return false;
    }

    /// <summary>
    /// Decodes NLMSG_ERROR: errno 0 is an ACK (null); otherwise the errno with the kernel's extended-ack
    /// text (NLMSGERR_ATTR_MSG) appended to the target when the kernel sent one.
    /// </summary>
    public static LinuxException? DecodeError(NetlinkMessage message, string operation, string target)
    {
        var payload = message.Payload.Span;
        if (payload.Length < 4)
        {
            return new LinuxException(operation, $"{target} [truncated NLMSG_ERROR]", ErrnoNames.EPROTO);
        }

        var code = MemoryMarshal.Read<int>(payload);
        if (code == 0)
        {
            return null;
        }

        var detail = ExtendedAckMessage(message);
        return new LinuxException(operation, detail is null ? target : $"{target} [{detail}]", -code);
    }

    private static string? ExtendedAckMessage(NetlinkMessage message)
    {
        if ((message.Flags & Rtnl.NLM_F_ACK_TLVS) == 0 || message.Payload.Length < 4 + Rtnl.HeaderLength)
        {
            return null;
        }

        var original = MemoryMarshal.Read<NlMsgHdr>(message.Payload.Span[4..]);
        var echoed = (message.Flags & Rtnl.NLM_F_CAPPED) != 0 ? Rtnl.HeaderLength : NetlinkMessageWriter.Align((int)original.Length);
        var tlvStart = 4 + echoed;
        if (tlvStart > message.Payload.Length)
        {
            return null;
        }

        try
        {
            var text = NetlinkAttributes.Parse(message.Payload[tlvStart..]).String(Rtnl.NLMSGERR_ATTR_MSG);
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
