namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// One real service process shared by the end-to-end tests that do not kill it (reminder timing,
/// hostile inputs, concurrency): each test uses its own customers, so they need no process of their own.
/// </summary>
public sealed class RunningService : IAsyncLifetime
{
    ServiceProcess? service;

    internal ServiceProcess Service => service ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => service = await ServiceProcess.StartAsync(E2EConfig.FastCart());

    public async Task DisposeAsync()
    {
        if (service is not null) await service.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RunningServiceCollection : ICollectionFixture<RunningService>
{
    public const string Name = "End-to-end: one running service";
}
