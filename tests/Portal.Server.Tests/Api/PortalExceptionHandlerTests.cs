using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Errors;
using Portal.Server.Extensions;
using Portal.Server.Security;

namespace Portal.Server.Tests.Api;

public sealed class PortalExceptionHandlerTests
{
    public static TheoryData<Exception, int> Known => new()
    {
        { new NotFoundException("No such thing: x"), 404 },
        { new ConflictException("name in use"), 409 },
        { new InvalidArgumentException("field y is bad"), 400 },
        { new ForbiddenException("not on this network"), 403 },
        { new AccessDeniedException("admins only"), 403 },
        { new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("stale"), 409 },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public async Task Known_errors_keep_their_status_and_message(Exception exception, int status)
    {
        var (code, body) = await HandleAsync(exception);
        Assert.Equal(status, code);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        if (exception is not Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            Assert.Equal(exception.Message, body.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_without_its_message_or_stack()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("secret connection string Password=hunter2");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var (code, body) = await HandleAsync(thrown);
        Assert.Equal(500, code);
        var text = body.GetRawText();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(An_unexpected_error_is_a_500_without_its_message_or_stack), text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.True(body.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Denied_access_and_refused_deployments_are_audited_with_the_request_and_the_reason_other_errors_are_not()
    {
        var denied = await HandleWithAuditAsync(new Portal.Server.Security.AccessDeniedException("Only members of team 3 or an admin may do this."));
        var refused = await HandleWithAuditAsync(new Portal.Server.Deployments.DeploymentException(Portal.Server.Deployments.DeploymentErrorKind.Invalid,
            "appliance version 1.0.0 has an invalid manifest", ["services.web.privileged: privileged mode is not allowed"]));
        var missing = await HandleWithAuditAsync(new Portal.Engine.Errors.NotFoundException("No such container: x"));

        var deniedRecord = Assert.Single(denied.Audit);
        Assert.Equal(("access.denied", "request", "POST /api/v1/teams/3/deployments"), (deniedRecord.Action, deniedRecord.TargetType, deniedRecord.TargetId));
        Assert.Contains("Only members of team 3", JsonSerializer.Serialize(deniedRecord.Details), StringComparison.Ordinal);
        var refusedRecord = Assert.Single(refused.Audit);
        Assert.Equal("deployment.refused", refusedRecord.Action);
        Assert.Contains("services.web.privileged", JsonSerializer.Serialize(refusedRecord.Details), StringComparison.Ordinal);
        Assert.Empty(missing.Audit);
    }

    private static async Task<(int Status, JsonElement Body, List<Portal.Server.Audit.AuditRecord> Audit)> HandleWithAuditAsync(Exception exception)
    {
        var audit = new RecordingAuditLog();
        var (status, body) = await HandleAsync(exception, audit);
        return (status, body, audit.Records);
    }

    private static Task<(int Status, JsonElement Body)> HandleAsync(Exception exception) => HandleAsync(exception, new RecordingAuditLog());

    private static async Task<(int Status, JsonElement Body)> HandleAsync(Exception exception, RecordingAuditLog audit)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/teams/3/deployments";
        context.Response.Body = new MemoryStream();
        var handler = new PortalExceptionHandler(audit, NullLogger<PortalExceptionHandler>.Instance);
        Assert.True(await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken));
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }

    private sealed class RecordingAuditLog : Portal.Server.Audit.IAuditLog
    {
        public List<Portal.Server.Audit.AuditRecord> Records { get; } = [];

        public Task RecordAsync(Portal.Server.Audit.AuditRecord record, CancellationToken cancellationToken)
        {
            Records.Add(record);
            return Task.CompletedTask;
        }
    }
}
