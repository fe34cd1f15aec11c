using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary>
/// Keeps the custom handler fixtures honest: they agree with each other (the three Event Hubs variants carry the
/// same events), with the encodings docs/custom-handler-protocol.md describes (values the host wraps in strings
/// are strings), and with the function.json files (binding names, dataType, retry policy, routes).
/// </summary>
public sealed partial class CustomHandlerFixtureTests
{
    const string FixturesFolder = "tests/JourneyTriggers.Functions.Tests/CustomHandler/Fixtures";

    static readonly string[] EventHubVariants = ["unset", "string", "binary"];

    static readonly string[] EventHubArrayKeys =
        ["PartitionKeyArray", "OffsetArray", "SequenceNumberArray", "EnqueuedTimeUtcArray", "PropertiesArray", "SystemPropertiesArray"];

    /// <summary>The function definitions publish copies (functions/function-definitions), read where they live.</summary>
    const string DefinitionsFolder = "functions/function-definitions";

    static string Fixture(string name) => name == "functions" || name.StartsWith("functions/", StringComparison.Ordinal)
        ? RepositoryFiles.PathOf(Path.Combine(DefinitionsFolder, name["functions".Length..].TrimStart('/')))
        : RepositoryFiles.PathOf(Path.Combine(FixturesFolder, name));

    static JsonElement Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Fixture(name)));
        return document.RootElement.Clone();
    }

    static JsonElement ParseInner(JsonElement stringValue)
    {
        Assert.Equal(JsonValueKind.String, stringValue.ValueKind);
        using var document = JsonDocument.Parse(stringValue.GetString()!);
        return document.RootElement.Clone();
    }

    static JsonElement EventHubRequest(string variant) => Load($"touchpoints.eventhub-batch.datatype-{variant}.request.json");

    /// <summary>The event bodies as the producer wrote them, from the binary variant.</summary>
    static string[] ProducedBodies() =>
        ParseInner(EventHubRequest("binary").GetProperty("Data").GetProperty("events"))
            .EnumerateArray()
            .Select(b => Encoding.UTF8.GetString(Convert.FromBase64String(b.GetString()!)))
            .ToArray();

    public static TheoryData<string> AllJsonFixtures()
    {
        var data = new TheoryData<string>();
        var root = Fixture("");
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllJsonFixtures))]
    public void Every_fixture_is_json_and_every_envelope_has_a_note(string name)
    {
        Load(name);
        if (Path.GetFileName(name) != "function.json")
        {
            Assert.True(File.Exists(Fixture(Path.ChangeExtension(name, ".md"))), $"{name} has no sibling .md naming its sources");
        }
    }

    [Fact]
    public void The_string_variant_carries_the_binary_variants_bytes_verbatim()
    {
        var strings = ParseInner(EventHubRequest("string").GetProperty("Data").GetProperty("events"))
            .EnumerateArray().Select(s => s.GetString()!).ToArray();

        Assert.Equal(ProducedBodies(), strings);
    }

    [Fact]
    public void The_unset_variant_carries_the_same_events_reserialised_by_the_host()
    {
        var produced = ProducedBodies();
        var reserialised = ParseInner(EventHubRequest("unset").GetProperty("Data").GetProperty("events")).EnumerateArray().ToArray();

        Assert.Equal(produced.Length, reserialised.Length);
        for (var i = 0; i < produced.Length; i++)
        {
            using var original = JsonDocument.Parse(produced[i]);
            Assert.Equal(JsonValueKind.Object, reserialised[i].ValueKind);
            Assert.Equal(original.RootElement.GetProperty("id").GetString(), reserialised[i].GetProperty("id").GetString());
            Assert.Equal(
                DateTimeOffset.Parse(original.RootElement.GetProperty("timestamp").GetString()!),
                DateTimeOffset.Parse(reserialised[i].GetProperty("timestamp").GetString()!));
        }

        // What the host's round trip through Newtonsoft changes (protocol §3.1): the instant survives, the text does not.
        Assert.Contains("\"id\": \"evt-0001\"", produced[0]);
        Assert.Equal("2026-11-22T17:05:00+07:00", JsonDocument.Parse(produced[1]).RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("2026-11-22T10:05:00+00:00", reserialised[1].GetProperty("timestamp").GetString());
        Assert.Equal("2026-11-22T10:07:30.25Z", reserialised[2].GetProperty("timestamp").GetString());
    }

    [Theory]
    [InlineData("unset")]
    [InlineData("string")]
    [InlineData("binary")]
    public void Event_hub_metadata_arrays_are_strings_aligned_with_the_events(string variant)
    {
        var request = EventHubRequest(variant);
        var count = ParseInner(request.GetProperty("Data").GetProperty("events")).GetArrayLength();
        var metadata = request.GetProperty("Metadata");

        foreach (var key in EventHubArrayKeys)
        {
            var array = ParseInner(metadata.GetProperty(key));
            Assert.Equal(JsonValueKind.Array, array.ValueKind);
            Assert.Equal(count, array.GetArrayLength());
        }

        Assert.Equal(JsonValueKind.Object, metadata.GetProperty("PartitionContext").ValueKind);
        Assert.Equal("Touchpoints", metadata.GetProperty("sys").GetProperty("MethodName").GetString());
        var sequenceNumbers = ParseInner(metadata.GetProperty("SequenceNumberArray")).EnumerateArray().Select(n => n.GetInt64()).ToArray();
        Assert.Equal(sequenceNumbers.Order(), sequenceNumbers);
    }

    [Fact]
    public void The_three_event_hub_variants_share_their_metadata()
    {
        var expected = EventHubRequest("binary").GetProperty("Metadata").GetRawText();
        foreach (var variant in EventHubVariants)
        {
            Assert.Equal(expected, EventHubRequest(variant).GetProperty("Metadata").GetRawText());
        }
    }

    [Theory]
    [InlineData("first-attempt", 0)]
    [InlineData("final-attempt", 5)]
    public void Retry_fixtures_count_attempts_against_the_function_json_policy(string attempt, int retryCount)
    {
        var request = Load($"touchpoints.eventhub-batch.datatype-binary.with-retry-policy.{attempt}.request.json");
        var retry = request.GetProperty("Metadata").GetProperty("RetryContext");
        var policy = Load("functions/Touchpoints/function.json").GetProperty("retry");

        Assert.Equal(retryCount, retry.GetProperty("RetryCount").GetInt32());
        Assert.Equal(policy.GetProperty("maxRetryCount").GetInt32(), retry.GetProperty("MaxRetryCount").GetInt32());
        Assert.Equal(retryCount == 0 ? JsonValueKind.Null : JsonValueKind.Object, retry.GetProperty("Exception").ValueKind);
        Assert.Equal(
            EventHubRequest("binary").GetProperty("Data").GetRawText(),
            request.GetProperty("Data").GetRawText());
    }

    [Theory]
    [InlineData("timers.queue-message.json-message.request.json", "{\"key\":\"c-1002\",\"trigger\":\"abandoned_cart\",\"token\":7,\"dueAt\":\"2026-11-23T03:06:00Z\"}", 1)]
    [InlineData("timers.queue-message.plain-string.request.json", "wake c-1002 abandoned_cart 7", 3)]
    public void Queue_values_arrive_as_json_inside_strings(string name, string body, int dequeueCount)
    {
        var request = Load(name);
        var metadata = request.GetProperty("Metadata");

        Assert.Equal(body, ParseInner(request.GetProperty("Data").GetProperty("timer")).GetString());
        Assert.Equal(dequeueCount, ParseInner(metadata.GetProperty("DequeueCount")).GetInt32());
        Assert.Equal(JsonValueKind.String, ParseInner(metadata.GetProperty("Id")).ValueKind);
        Assert.Equal(JsonValueKind.String, ParseInner(metadata.GetProperty("PopReceipt")).ValueKind);
        Assert.False(metadata.TryGetProperty("QueueTrigger", out _), "keys ending with 'trigger' never reach Metadata");
        Assert.False(metadata.TryGetProperty("trigger", out _), "keys ending with 'trigger' never reach Metadata");
        Assert.Equal("Timers", metadata.GetProperty("sys").GetProperty("MethodName").GetString());
    }

    [Theory]
    [InlineData("events.http-post.request.json", "Events", "/api/events")]
    [InlineData("segment.http-post-v1-batch.request.json", "Segment", "/api/v1/batch")]
    public void Http_requests_arrive_as_an_object_with_header_arrays_and_a_raw_body(string name, string function, string path)
    {
        var request = Load(name);
        var req = request.GetProperty("Data").GetProperty("req");

        Assert.Equal(JsonValueKind.Object, req.ValueKind);
        Assert.Equal("POST", req.GetProperty("Method").GetString());
        Assert.EndsWith(path, req.GetProperty("Url").GetString(), StringComparison.Ordinal);
        Assert.All(req.GetProperty("Headers").EnumerateObject(), h => Assert.Equal(JsonValueKind.Array, h.Value.ValueKind));
        var body = req.GetProperty("Body").GetString()!;
        Assert.Equal(
            Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture),
            req.GetProperty("Headers").GetProperty("Content-Length")[0].GetString());
        using (JsonDocument.Parse(body))
        {
        }

        Assert.Equal(function, request.GetProperty("Metadata").GetProperty("sys").GetProperty("MethodName").GetString());
    }

    [Theory]
    [InlineData("touchpoints.success.response.json")]
    [InlineData("timers.success.response.json")]
    [InlineData("events.accepted.response.json")]
    [InlineData("events.unauthorized.response.json")]
    public void Success_answers_are_non_empty_envelopes(string name)
    {
        var response = Load(name);

        Assert.Equal(JsonValueKind.Object, response.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, response.GetProperty("Logs").ValueKind);
        if (response.GetProperty("Outputs").TryGetProperty("res", out var res))
        {
            Assert.Equal(JsonValueKind.Number, res.GetProperty("statusCode").ValueKind);
            Assert.All(res.GetProperty("headers").EnumerateObject(), h => Assert.Equal(JsonValueKind.String, h.Value.ValueKind));
            using (JsonDocument.Parse(res.GetProperty("body").GetString()!))
            {
            }
        }
    }

    [Theory]
    [InlineData("Touchpoints", "events", "touchpoints.eventhub-batch.datatype-binary.request.json")]
    [InlineData("Timers", "timer", "timers.queue-message.json-message.request.json")]
    [InlineData("MetricsCompaction", "tick", "metrics-compaction.timer.request.json")]
    [InlineData("Events", "req", "events.http-post.request.json")]
    [InlineData("Segment", "req", "segment.http-post-v1-batch.request.json")]
    public void Function_json_trigger_names_are_the_data_keys_of_the_requests(string function, string binding, string request)
    {
        var trigger = Load($"functions/{function}/function.json").GetProperty("bindings")[0];

        Assert.Equal("in", trigger.GetProperty("direction").GetString());
        Assert.Equal(binding, trigger.GetProperty("name").GetString());
        Assert.True(Load(request).GetProperty("Data").TryGetProperty(binding, out _));
    }

    [Fact]
    public void Touchpoints_reads_bytes_in_batches_with_a_bounded_retry_policy()
    {
        var function = Load("functions/Touchpoints/function.json");
        var trigger = function.GetProperty("bindings")[0];

        Assert.Equal("eventHubTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("many", trigger.GetProperty("cardinality").GetString());
        Assert.Equal("binary", trigger.GetProperty("dataType").GetString());
        Assert.Equal("EventHubConnection", trigger.GetProperty("connection").GetString());
        Assert.Equal("exponentialBackoff", function.GetProperty("retry").GetProperty("strategy").GetString());
        Assert.InRange(function.GetProperty("retry").GetProperty("maxRetryCount").GetInt32(), 1, 10);
    }

    [Fact]
    public void App_setting_expressions_use_a_colon_never_a_double_underscore()
    {
        var expressions = Directory.EnumerateFiles(Fixture("functions"), "function.json", SearchOption.AllDirectories)
            .SelectMany(file => AppSettingExpression().Matches(File.ReadAllText(file)).Select(m => m.Value))
            .ToArray();

        Assert.Equal(["%EventHub:ConsumerGroup%", "%EventHub:Name%", "%TimerQueue:Name%"], expressions.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(expressions, e => e.Contains("__", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Events")]
    [InlineData("Segment")]
    [InlineData("Unsubscribe")]
    [InlineData("Customers")]
    [InlineData("Metrics")]
    public void Http_functions_are_anonymous_have_a_res_output_and_avoid_reserved_routes(string function)
    {
        var bindings = Load($"functions/{function}/function.json").GetProperty("bindings");
        var trigger = bindings[0];
        var route = trigger.GetProperty("route").GetString()!;

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, bindings.GetArrayLength());
        Assert.Equal("http", bindings[1].GetProperty("type").GetString());
        Assert.Equal("res", bindings[1].GetProperty("name").GetString());
    }

    [GeneratedRegex("%[^%]+%")]
    private static partial Regex AppSettingExpression();
}
