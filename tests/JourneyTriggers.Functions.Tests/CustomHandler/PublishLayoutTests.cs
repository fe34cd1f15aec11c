using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary>
/// What the Functions host needs of the package (protocol doc §1, §7): host.json at the root, the executable it
/// names, and one folder per function with the bindings the protocol requires.
/// </summary>
public sealed class PublishLayoutTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    static JsonElement Json(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    JsonElement Function(string name) => Json(Path.Combine(package.Folder, name, "function.json"));

    static string[] DefinedFunctions() =>
        [.. Directory.EnumerateDirectories(RepositoryFiles.PathOf("functions/function-definitions")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public void Host_json_is_the_repositorys_and_runs_our_executable_with_the_custom_handler_arguments()
    {
        var path = Path.Combine(package.Folder, "host.json");

        Assert.Equal(File.ReadAllText(RepositoryFiles.PathOf("host.json")), File.ReadAllText(path));
        var handler = Json(path).GetProperty("customHandler");
        var description = handler.GetProperty("description");
        Assert.Equal(["serve", "--custom-handler"], description.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.False(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("api", Json(path).GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());

        // Published for the Linux workers wherever it was published, with the runtime beside it.
        var executable = Path.Combine(package.Folder, description.GetProperty("defaultExecutablePath").GetString()!);
        Assert.True(File.Exists(executable), $"{executable} is missing");
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(executable)[..4]);
        Assert.True(File.Exists(Path.Combine(package.Folder, "libcoreclr.so")), "the package is not self-contained: the workers have no .NET 10 runtime");
        if (!OperatingSystem.IsWindows()) Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable");
    }

    [Fact]
    public void Every_function_definition_is_at_the_package_root_unchanged()
    {
        var packaged = Directory.EnumerateFiles(package.Folder, "function.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(package.Folder, f)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(DefinedFunctions().Select(n => Path.Combine(n, "function.json")), packaged);
        foreach (var name in DefinedFunctions())
            Assert.Equal(File.ReadAllText(RepositoryFiles.PathOf($"functions/function-definitions/{name}/function.json")),
                File.ReadAllText(Path.Combine(package.Folder, name, "function.json")));
    }

    [Fact]
    public void Touchpoints_reads_binary_batches_from_the_hub_named_by_app_settings_with_a_retry_policy()
    {
        var function = Function("Touchpoints");
        var trigger = function.GetProperty("bindings")[0];

        Assert.Equal("eventHubTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("events", trigger.GetProperty("name").GetString());
        Assert.Equal("many", trigger.GetProperty("cardinality").GetString());
        Assert.Equal("binary", trigger.GetProperty("dataType").GetString());
        Assert.Equal("EventHubConnection", trigger.GetProperty("connection").GetString());
        Assert.Equal("%EventHub:Name%", trigger.GetProperty("eventHubName").GetString());
        Assert.Equal("%EventHub:ConsumerGroup%", trigger.GetProperty("consumerGroup").GetString());
        Assert.Equal("exponentialBackoff", function.GetProperty("retry").GetProperty("strategy").GetString());
    }

    [Fact]
    public void Timers_reads_the_timer_queue_named_by_an_app_setting()
    {
        var trigger = Function("Timers").GetProperty("bindings")[0];

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("timer", trigger.GetProperty("name").GetString());
        Assert.Equal("%TimerQueue:Name%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void MetricsCompaction_runs_hourly_on_a_timer()
    {
        var trigger = Function("MetricsCompaction").GetProperty("bindings")[0];

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("tick", trigger.GetProperty("name").GetString());
        Assert.Equal("0 5 * * * *", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.GetProperty("runOnStartup").GetBoolean());
    }

    [Theory]
    [InlineData("Events", "events", "post")]
    [InlineData("Segment", "v1/{call}", "post")]
    [InlineData("Unsubscribe", "unsubscribe", "get,post")]
    [InlineData("Customers", "ops/customers/{customerId}", "get,delete")]
    [InlineData("Metrics", "ops/metrics", "get")]
    [InlineData("Dashboard", "dashboard", "get,post")]
    [InlineData("Health", "health", "get")]
    public void Http_functions_have_their_routes_and_a_res_output(string name, string route, string methods)
    {
        var bindings = Function(name).GetProperty("bindings");

        Assert.Equal("httpTrigger", bindings[0].GetProperty("type").GetString());
        Assert.Equal("req", bindings[0].GetProperty("name").GetString());
        Assert.Equal("anonymous", bindings[0].GetProperty("authLevel").GetString());
        Assert.Equal(route, bindings[0].GetProperty("route").GetString());
        Assert.Equal(methods, string.Join(',', bindings[0].GetProperty("methods").EnumerateArray().Select(m => m.GetString())));
        Assert.Equal("res", bindings[1].GetProperty("name").GetString());
    }

    [Fact]
    public void The_dashboard_links_to_the_metrics_function_by_its_route()
    {
        Assert.Equal(Functions.CustomHandler.HttpFunctions.MetricsRoute, Function("Metrics").GetProperty("bindings")[0].GetProperty("route").GetString());
    }

    [Fact]
    public void Every_http_function_has_a_standalone_route_and_every_route_a_function()
    {
        var http = DefinedFunctions().Where(n => Function(n).GetProperty("bindings")[0].GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal(http, Functions.CustomHandler.HttpFunctions.Names.Order(StringComparer.Ordinal));
    }
}
