using Azure.Storage.Queues;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// The Functions host, played against a Functions app folder (a <c>dotnet publish</c> output): reads its host.json and
/// function.json files, starts the handler as the host does, and runs each trigger: <see cref="Timers"/> polls the real
/// queue, <see cref="Touchpoints"/> delivers the hub partition's batches, <see cref="Http"/> takes callers' requests.
/// App settings are what the portal would hold; <c>%Name:Key%</c> in a binding resolves against them.
/// </summary>
internal sealed class FunctionsHost : IAsyncDisposable
{
    readonly IReadOnlyDictionary<string, string> appSettings;
    readonly CancellationTokenSource stopping = new();
    HandlerProcess handler;
    Task? queueListener;

    FunctionsHost(FunctionApp app, IReadOnlyDictionary<string, string> appSettings, HandlerProcess handler, HubPartition partition)
    {
        App = app;
        this.appSettings = appSettings;
        this.handler = handler;
        Invoker = new HostInvoker(() => this.handler.BaseAddress);

        var timers = app.Functions.Single(f => f.TriggerType == "queueTrigger");
        var connection = Setting(timers.Setting("connection") ?? "AzureWebJobsStorage");
        var queueName = FunctionApp.Resolve(timers.Setting("queueName")!, appSettings);
        Queue = new QueueClient(connection, queueName);
        Timers = new QueueTriggerHost(timers, app.Queues, Queue, new QueueClient(connection, queueName + "-poison"), Invoker);

        var touchpoints = app.Functions.Single(f => f.TriggerType == "eventHubTrigger");
        Touchpoints = new EventHubTriggerHost(touchpoints, app.EventHubs, partition, Invoker, "evhns-jt-harness.servicebus.windows.net",
            FunctionApp.Resolve(touchpoints.Setting("eventHubName")!, appSettings), FunctionApp.Resolve(touchpoints.Setting("consumerGroup")!, appSettings));
        Http = new HttpTriggerHost(app, Invoker, () => this.handler.BaseAddress);
    }

    public FunctionApp App { get; }
    public HostInvoker Invoker { get; }
    public QueueClient Queue { get; }
    public QueueTriggerHost Timers { get; }
    public EventHubTriggerHost Touchpoints { get; }
    public HttpTriggerHost Http { get; }
    public HandlerProcess Handler => handler;

    /// <param name="partition">The hub's partition; pass the same one to a new host to carry on from its checkpoint.</param>
    public static async Task<FunctionsHost> StartAsync(string appRoot, IReadOnlyDictionary<string, string> appSettings, HubPartition partition)
    {
        var app = FunctionApp.Read(appRoot);
        var handler = await HandlerProcess.StartAsync(app, appSettings);
        return new FunctionsHost(app, appSettings, handler, partition);
    }

    /// <summary>Starts polling the timer queue, as the host's queue listener does from start-up on.</summary>
    public void ListenToQueue() => queueListener ??= Task.Run(() => Timers.RunAsync(stopping.Token));

    /// <summary>The worker process died and the host starts a new one (<c>HttpWorkerChannel</c> restart); triggers carry on.</summary>
    public async Task RestartHandlerAsync()
    {
        await handler.DisposeAsync();
        handler = await HandlerProcess.StartAsync(App, appSettings);
    }

    string Setting(string name) =>
        appSettings.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"The app setting {name} that a binding names is not set.");

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (queueListener is not null) await queueListener;
        await handler.DisposeAsync();
        stopping.Dispose();
    }
}
