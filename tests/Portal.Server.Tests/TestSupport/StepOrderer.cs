using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Portal.Server.Tests.TestSupport;

/// <summary>Runs a class's tests in the order of their <see cref="StepAttribute"/> (xunit's default order is not the source order).</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        [.. testCases.OrderBy(t => Order(t)).ThenBy(t => t.TestCaseDisplayName, StringComparer.Ordinal)];

    private static int Order(ITestCase testCase) =>
        (testCase as IXunitTestCase)?.TestMethod.Method.GetCustomAttribute<StepAttribute>()?.Order ?? int.MaxValue;
}
