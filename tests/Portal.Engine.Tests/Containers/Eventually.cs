namespace Portal.Engine.Tests.Containers;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails with the description after 10 s.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string description)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Fail("never happened: " + description);
    }
}
