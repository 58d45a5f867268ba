namespace Portal.Client.Tests.Logs;

/// <summary>Tests that push thousands of lines run alone: on a busy 2-core host they would starve other tests' waits.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public static class AtScaleCollection
{
    public const string Name = "Logs at scale";
}
