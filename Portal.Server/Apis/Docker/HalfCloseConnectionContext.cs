using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// Kestrel treats a client's FIN as a closed connection and aborts the request, output included. The docker
/// CLI half-closes a hijacked attach connection at once when it sends no stdin, then waits for the
/// container's output on the other half. Once a request marks the connection with
/// <see cref="KeepOpenAfterClientFin"/>, this wrapper hides the FIN from Kestrel's HTTP layer; before that
/// every close passes through, so aborted ordinary requests still cancel.
/// </summary>
internal sealed class HalfCloseConnectionContext : ConnectionContext
{
    private readonly ConnectionContext inner;
    private readonly CancellationTokenSource closed = new();
    private readonly CancellationTokenRegistration registration;
    private volatile bool keepOpen;

    public HalfCloseConnectionContext(ConnectionContext inner)
    {
        this.inner = inner;
        inner.Features.Set(this);
        registration = inner.ConnectionClosed.Register(() =>
        {
            if (!keepOpen)
            {
                closed.Cancel();
            }
        });
    }

    public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }
    public override IFeatureCollection Features => inner.Features;
    public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }
    public override IDuplexPipe Transport { get => inner.Transport; set => inner.Transport = value; }
    public override CancellationToken ConnectionClosed { get => closed.Token; set => throw new NotSupportedException(); }
    public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }
    public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

    /// <summary>The request now owns a hijacked stream: a client FIN no longer aborts it.</summary>
    public void KeepOpenAfterClientFin() => keepOpen = true;

    public override void Abort(ConnectionAbortedException abortReason) => inner.Abort(abortReason);

    public override void Abort() => inner.Abort();

    public override async ValueTask DisposeAsync()
    {
        await registration.DisposeAsync();
        await inner.DisposeAsync();
        await base.DisposeAsync();
        closed.Dispose();
    }

    /// <summary>Kestrel connection middleware that puts every connection behind this wrapper.</summary>
    public static ConnectionDelegate Middleware(ConnectionDelegate next) => connection => next(new HalfCloseConnectionContext(connection));
}
