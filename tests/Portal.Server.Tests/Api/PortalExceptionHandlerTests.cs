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

    private static async Task<(int Status, JsonElement Body)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new PortalExceptionHandler(NullLogger<PortalExceptionHandler>.Instance);
        Assert.True(await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken));
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
