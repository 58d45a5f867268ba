using System.Net;
using System.Text.Json;
using Bunit;
using Portal.Client.Components.Admin;
using Portal.Client.Pages.Admin;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Admin;

public sealed class AuditLogTests : MudTestContext
{
    [Fact]
    public void Filter_builds_the_query_with_every_filter_escaped_and_times_in_utc()
    {
        var filter = new AuditFilter
        {
            User = " ann ",
            Action = "user.",
            Target = "team:3",
            From = new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.FromHours(2)),
            To = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero),
        };

        Assert.Equal("api/v1/audit?user=ann&action=user.&target=team%3A3&from=2026-03-01T12%3A30%3A00Z&to=2026-03-02T00%3A00%3A00Z&page=3&pageSize=50",
            filter.ToQuery(3));
        Assert.Equal("api/v1/audit?page=1&pageSize=20", new AuditFilter { User = "", Action = "  " }.ToQuery(1, 20));
    }

    [Fact]
    public void From_after_to_is_refused_before_asking_the_server()
    {
        var filter = new AuditFilter { From = DateTimeOffset.UnixEpoch.AddDays(2), To = DateTimeOffset.UnixEpoch.AddDays(1) };

        Assert.NotNull(filter.Problem);
        Assert.Null(new AuditFilter { From = DateTimeOffset.UnixEpoch }.Problem);
    }

    [Fact]
    public void Local_datetime_input_is_read_in_the_given_zone_and_empty_is_no_filter()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.FromHours(2)), AuditFilter.ParseLocal("2026-03-01T14:30", zone));
        Assert.Null(AuditFilter.ParseLocal("", zone));
        Assert.Null(AuditFilter.ParseLocal("yesterday-ish", zone));
    }

    [Fact]
    public void Applying_the_filters_asks_the_server_with_them_and_details_render_as_text()
    {
        var api = Services.AddFakeApi();
        var details = JsonDocument.Parse("""{"name":"<b>bold</b>"}""").RootElement.Clone();
        var entry = new AuditEntryResponse(1, DateTimeOffset.UnixEpoch, 1, "ann", "team.create", "team", "3", details, "10.0.0.1");
        api.OnGet("/api/v1/audit", new AuditPage([entry], 1, 50, 1));

        var page = Render<AuditLog>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        page.Find("input:not([type=datetime-local])").Change("ann");
        page.FindAll("input")[1].Change("team.");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(["/api/v1/audit?page=1&pageSize=50", "/api/v1/audit?user=ann&action=team.&page=1&pageSize=50"], api.Requests.Select(r => r.PathAndQuery)));
        Assert.Contains("{\"name\":\"<b>bold</b>\"}", page.Find("tbody code").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("tbody b"));
        Assert.Contains(page.FindAll("p"), p => p.TextContent.Contains("Page 1 of 1 · 1 entries", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refusal_shows_the_servers_message()
    {
        var api = Services.AddFakeApi();
        api.On(HttpMethod.Get, "/api/v1/audit", _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "Bad request", null,
            new Dictionary<string, string[]> { ["pageSize"] = ["pageSize must be between 1 and 500."] }));

        var page = Render<AuditLog>();

        page.WaitForAssertion(() => Assert.Contains("pageSize: pageSize must be between 1 and 500.", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
    }
}
