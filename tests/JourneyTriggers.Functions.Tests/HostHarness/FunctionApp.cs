using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// A Functions app folder as the host reads it at start-up: host.json at the root and one folder per function
/// with its function.json (azure-functions-host <c>HostFunctionMetadataProvider</c>, <c>HttpWorkerOptionsSetup</c>).
/// Only what the harness plays is read; anything it would have to guess about is refused with the file named.
/// </summary>
internal sealed partial record FunctionApp(
    string Root,
    HandlerDescription Handler,
    QueuesSettings Queues,
    EventHubsSettings EventHubs,
    string RoutePrefix,
    IReadOnlyList<FunctionDefinition> Functions)
{
    public static FunctionApp Read(string root)
    {
        var hostJson = Path.Combine(root, "host.json");
        if (!File.Exists(hostJson)) throw new InvalidOperationException($"{root} is not a Functions app: it has no host.json.");
        using var host = JsonDocument.Parse(File.ReadAllText(hostJson));
        var handler = Member(host.RootElement, "customHandler") ?? throw new InvalidOperationException($"{hostJson}: no customHandler section.");
        var description = Member(handler, "description") ?? throw new InvalidOperationException($"{hostJson}: no customHandler.description.");
        var extensions = Member(host.RootElement, "extensions");
        var queues = extensions is { } e1 ? Member(e1, "queues") : null;
        var hubs = extensions is { } e2 ? Member(e2, "eventHubs") : null;
        var http = extensions is { } e3 ? Member(e3, "http") : null;

        var functions = Directory.EnumerateDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => FunctionDefinition.Read(Path.GetFileName(d), Path.Combine(d, "function.json")))
            .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        return new FunctionApp(
            root,
            new HandlerDescription(
                Text(description, "defaultExecutablePath") ?? throw new InvalidOperationException($"{hostJson}: no defaultExecutablePath."),
                Text(description, "workingDirectory"),
                Member(description, "arguments") is { } args ? [.. args.EnumerateArray().Select(a => a.GetString()!)] : [],
                Member(handler, "enableForwardingHttpRequest")?.GetBoolean() ?? false),
            // Defaults: QueuesOptions (Storage.Common/src/Shared/Queues/QueuesOptions.cs) and EventHubOptions
            // (EventHubs/src/Config/EventHubOptions.cs: MaxEventBatchSize 100 in 5.x and later).
            new QueuesSettings(
                queues is { } q1 && Member(q1, "maxDequeueCount") is { } dequeue ? dequeue.GetInt32() : 5,
                queues is { } q2 && Text(q2, "visibilityTimeout") is { } visibility ? TimeSpan.Parse(visibility, CultureInfo.InvariantCulture) : TimeSpan.Zero,
                queues is { } q3 && Member(q3, "batchSize") is { } batch ? batch.GetInt32() : 16),
            new EventHubsSettings(hubs is { } h && Member(h, "maxEventBatchSize") is { } size ? size.GetInt32() : 100),
            http is { } p && Text(p, "routePrefix") is { } prefix ? prefix : "api",
            functions);
    }

    public FunctionDefinition Function(string name) =>
        Functions.SingleOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"{Root} has no function {name}.");

    /// <summary>
    /// <c>%Name:Key%</c> as the host's <c>DefaultNameResolver</c> resolves it: a configuration key, which an app
    /// setting <c>Name__Key</c> (an environment variable) becomes (protocol doc §7).
    /// </summary>
    public static string Resolve(string expression, IReadOnlyDictionary<string, string> appSettings) =>
        Percent().Replace(expression, m =>
            appSettings.TryGetValue(m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal), out var value)
                ? value
                : throw new InvalidOperationException($"'%{m.Groups[1].Value}%' does not resolve to a value (no app setting {m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal)})."));

    internal static JsonElement? Member(JsonElement element, string name)
    {
        // host.json and function.json are read case-insensitively by the host (Newtonsoft JObject lookups with IgnoreCase).
        foreach (var property in element.EnumerateObject())
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }

    internal static string? Text(JsonElement element, string name) => Member(element, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Percent();
}

internal sealed record HandlerDescription(string DefaultExecutablePath, string? WorkingDirectory, IReadOnlyList<string> Arguments, bool EnableForwardingHttpRequest);

internal sealed record QueuesSettings(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize);

internal sealed record EventHubsSettings(int MaxEventBatchSize);

/// <summary>A function's folder name (the handler path) and its trigger binding; <see cref="Retry"/> from the function-level retry block.</summary>
internal sealed record FunctionDefinition(string Name, JsonElement Trigger, RetryPolicy? Retry)
{
    public string TriggerType => FunctionApp.Text(Trigger, "type")!;
    public string BindingName => FunctionApp.Text(Trigger, "name")!;
    public string? Setting(string name) => FunctionApp.Text(Trigger, name);

    public static FunctionDefinition Read(string name, string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var bindings = FunctionApp.Member(document.RootElement, "bindings") ?? throw new InvalidOperationException($"{path}: no bindings.");
        var trigger = bindings.EnumerateArray().SingleOrDefault(b => FunctionApp.Text(b, "type")?.EndsWith("Trigger", StringComparison.Ordinal) == true);
        if (trigger.ValueKind != JsonValueKind.Object) throw new InvalidOperationException($"{path}: no trigger binding.");
        return new FunctionDefinition(name, trigger.Clone(), FunctionApp.Member(document.RootElement, "retry") is { } retry ? RetryPolicy.Read(retry, path) : null);
    }
}

/// <summary>
/// A function-level retry policy (WebJobs <c>FunctionExecutorExtensions</c>, <c>ExponentialBackoffRetryStrategy</c>):
/// attempt n+1 waits min(minimumInterval × 2^n, maximumInterval), or a fixed delayInterval.
/// </summary>
internal sealed record RetryPolicy(int MaxRetryCount, TimeSpan Minimum, TimeSpan Maximum)
{
    public static RetryPolicy Read(JsonElement retry, string path)
    {
        var strategy = FunctionApp.Text(retry, "strategy");
        var count = FunctionApp.Member(retry, "maxRetryCount")?.GetInt32() ?? throw new InvalidOperationException($"{path}: retry.maxRetryCount is missing.");
        TimeSpan Span(string name) => TimeSpan.Parse(FunctionApp.Text(retry, name) ?? throw new InvalidOperationException($"{path}: retry.{name} is missing."), CultureInfo.InvariantCulture);
        return strategy switch
        {
            "exponentialBackoff" => new RetryPolicy(count, Span("minimumInterval"), Span("maximumInterval")),
            "fixedDelay" => new RetryPolicy(count, Span("delayInterval"), Span("delayInterval")),
            _ => throw new InvalidOperationException($"{path}: retry.strategy '{strategy}' is neither exponentialBackoff nor fixedDelay."),
        };
    }

    public TimeSpan DelayBefore(int retry) =>
        TimeSpan.FromTicks(Math.Min(Maximum.Ticks, Minimum.Ticks * (long)Math.Pow(2, Math.Min(retry - 1, 30))));
}
