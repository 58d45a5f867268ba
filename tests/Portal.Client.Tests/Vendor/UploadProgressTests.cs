using Bunit;
using Portal.Client.Components.Vendor;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Vendor;

public sealed class UploadProgressTests : MudTestContext
{
    [Fact]
    public void Receiving_shows_the_bytes_share_and_later_phases_their_counts()
    {
        var model = new UploadProgressModel();
        Assert.Null(model.Percent);
        Assert.Equal("Starting the upload…", model.Caption);

        model.Apply(new ImportProgressMessage(1, "Receiving", 512 * 1024, 1024 * 1024, null));
        Assert.Equal(50, model.Percent);
        Assert.Equal("Receiving: 50 % (512.0 KiB of 1.0 MiB)", model.Caption);
        Assert.Equal(1, model.Step);

        model.Apply(new ImportProgressMessage(2, "ImportingImages", 1, 4, "acme/notes:2.0.0"));
        Assert.Equal(25, model.Percent);
        Assert.Equal("Importing images: 25 % (1 of 4) · acme/notes:2.0.0", model.Caption);
        Assert.Equal(3, model.Step);

        model.Apply(new ImportProgressMessage(3, "Saving", 0, null, null));
        Assert.Null(model.Percent);
        Assert.Equal("Saving", model.Caption);
    }

    [Fact]
    public void Older_messages_are_ignored_and_the_finish_is_final()
    {
        var model = new UploadProgressModel();

        Assert.True(model.Apply(new ImportProgressMessage(5, "Validating", 2, 2, null)));
        Assert.False(model.Apply(new ImportProgressMessage(4, "Receiving", 10, 100, null)));
        Assert.Equal("Validating", model.Phase);
        Assert.True(model.Apply(new ImportProgressMessage(6, "Finished", 0, null, null, Finished: true, Outcome: "Invalid", Problems: 3)));
        Assert.False(model.Apply(new ImportProgressMessage(7, "Saving", 0, null, null)));

        Assert.Equal(100, model.Percent);
        Assert.Equal(5, model.Step);
        Assert.Equal("Finished: Invalid (3 problems)", model.Caption);
    }

    [Fact]
    public void The_bar_shows_the_phase_and_percentage_from_the_messages()
    {
        var model = new UploadProgressModel();
        var bar = Render<UploadProgressBar>(p => p.Add(b => b.Model, model));
        Assert.Contains("Step 1 of 5 · Starting the upload…", bar.Find(".upload-phase").TextContent, StringComparison.Ordinal);

        model.Apply(new ImportProgressMessage(1, "Receiving", 3 * 1024 * 1024, 4 * 1024 * 1024, null));
        bar.Render(p => p.Add(b => b.Model, model));

        Assert.Equal("Step 1 of 5 · Receiving: 75 % (3.0 MiB of 4.0 MiB)", bar.Find(".upload-phase").TextContent.Trim());
        var progress = bar.Find("[role=progressbar]");
        Assert.Equal("75", progress.GetAttribute("aria-valuenow"));
        Assert.Equal("Upload progress: Receiving 75 percent", progress.GetAttribute("aria-label"));

        model.Apply(new ImportProgressMessage(2, "Validating", 1, null, null));
        bar.Render(p => p.Add(b => b.Model, model));
        Assert.Equal("Step 2 of 5 · Validating", bar.Find(".upload-phase").TextContent.Trim());
        Assert.Equal("Upload progress: Validating", bar.Find("[role=progressbar]").GetAttribute("aria-label"));
    }
}
