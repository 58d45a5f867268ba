using Portal.E2E.TestSupport;

// One chromium for the run; journeys run one at a time (each starts a real server on a 2-core machine).
[assembly: AssemblyFixture(typeof(BrowserFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
