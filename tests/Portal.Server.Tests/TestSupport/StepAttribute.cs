namespace Portal.Server.Tests.TestSupport;

/// <summary>The place of a test in a journey whose tests build on each other (run in this order by <see cref="StepOrderer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class StepAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
