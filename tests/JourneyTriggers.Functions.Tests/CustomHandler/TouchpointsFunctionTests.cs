using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Azure.EventHubs;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Tests.Support;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary><c>POST /Touchpoints</c> with the fixtures' Event Hubs batches: every encoding, bad events, transient failures, retries.</summary>
public sealed class TouchpointsFunctionTests : IDisposable
{
    readonly CustomHandlerFactory handler = new();

    public void Dispose() => handler.Dispose();

    [Theory]
    [InlineData("unset")]
    [InlineData("string")]
    [InlineData("binary")]
    public async Task Every_data_type_delivers_the_three_events(string dataType)
    {
        var answer = await Envelopes.AssertCompletedAsync(
            await handler.InvokeAsync("Touchpoints", Envelopes.Text($"touchpoints.eventhub-batch.datatype-{dataType}.request.json")));

        Assert.Empty(answer.GetProperty("Outputs").EnumerateObject());
        Assert.Equal("touchpoints: partition 2, sequence 1017-1019: 3 received, 3 accepted, 0 duplicates, 0 dead-lettered", Envelopes.Log(answer));
        Assert.NotNull(handler.Store["c-42"]);
        Assert.NotNull(handler.Store["c-1002"]);
        Assert.Empty(handler.DeadLetters.Letters);
    }

    [Fact]
    public async Task A_batch_delivered_again_is_recognised_event_by_event()
    {
        await handler.InvokeAsync("Touchpoints", Envelopes.Text(Envelopes.BinaryBatch));

        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Touchpoints", Envelopes.Text(Envelopes.BinaryBatch)));

        Assert.EndsWith("3 received, 0 accepted, 3 duplicates, 0 dead-lettered", Envelopes.Log(answer));
    }

    [Fact]
    public async Task One_unreadable_event_is_dead_lettered_raw_with_its_place_and_the_rest_are_ingested()
    {
        var garbage = Envelopes.Utf8("not json at all \u00e9");

        var answer = await Envelopes.AssertCompletedAsync(
            await handler.InvokeAsync("Touchpoints", Envelopes.WithEventBody(Envelopes.BinaryBatch, 1, garbage)));

        Assert.EndsWith("3 received, 2 accepted, 0 duplicates, 1 dead-lettered", Envelopes.Log(answer));
        var letter = Assert.Single(handler.DeadLetters.Letters);
        Assert.Equal("touchpoints", letter.Source);
        Assert.Equal(garbage, letter.Body.ToArray());
        Assert.False(string.IsNullOrWhiteSpace(letter.Reason));
        Assert.Equal("2", letter.Details[DeadLetterDetails.PartitionId]);
        Assert.Equal("1018", letter.Details[DeadLetterDetails.SequenceNumber]);
        Assert.Equal("4294967720", letter.Details[DeadLetterDetails.Offset]);
        Assert.Equal("2026-11-22T10:05:02.5Z", letter.Details[DeadLetterDetails.EnqueuedTime]);
        Assert.Equal("c-1002", letter.Details["partitionKey"]);
        Assert.NotNull(handler.Store["c-42"]);
        Assert.Contains(handler.Store.Changes, c => c.Key == ProfileKey.ForCustomer("c-1002"));
    }

    [Fact]
    public async Task An_event_the_normaliser_refuses_is_dead_lettered_with_the_field_at_fault()
    {
        var noType = Envelopes.Utf8("""{"id":"evt-0009","customerId":"c-42","timestamp":"2026-11-22T10:00:00Z","source":"web"}""");

        await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Touchpoints", Envelopes.WithEventBody(Envelopes.BinaryBatch, 0, noType)));

        var letter = Assert.Single(handler.DeadLetters.Letters);
        Assert.Contains("type", letter.Reason);
        Assert.Equal("1017", letter.Details[DeadLetterDetails.SequenceNumber]);
    }

    [Fact]
    public async Task An_event_marked_native_is_read_as_native_and_an_unmarked_one_in_whichever_format_it_looks_like()
    {
        using var call = JsonDocument.Parse("""{"type":"group","userId":"c-42","groupId":"g-1","messageId":"seg-g","timestamp":"2026-11-22T10:00:00Z"}""");
        var group = Assert.IsType<TouchpointReading.Accepted>(TouchpointNormaliser.ReadSegment(call.RootElement, null, null)).Touchpoint;
        var native = NativeTouchpointJson.Serialize(group);
        StoredEvent Event(IReadOnlyDictionary<string, string> properties) => new(native, "c-42", properties);

        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Touchpoints",
            Envelopes.HubBatch([Event(NativeTouchpointProperty.Marked), Event(new Dictionary<string, string> { ["collector"] = "pos-bridge" })])));

        Assert.EndsWith("2 received, 1 accepted, 0 duplicates, 1 dead-lettered", Envelopes.Log(answer));
        Assert.True(handler.Store["c-42"]!.Seen.Contains(new TouchpointId("seg-g")));
        Assert.Contains("userId", Assert.Single(handler.DeadLetters.Letters).Reason);
    }

    [Fact]
    public async Task A_segment_call_sent_to_the_hub_is_corrected_by_when_the_hub_took_it_not_by_when_it_is_read()
    {
        // The device is two days fast; the hub took the call at 2026-11-22T10:00:01.123 (Envelopes.HubBatch).
        var call = """{"type":"track","event":"Product Added","userId":"c-hub-skew","messageId":"seg-skew","timestamp":"2026-11-24T09:55:01.123Z","sentAt":"2026-11-24T10:00:01.123Z","properties":{"sku":"CAM-1","price":100}}""";

        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Touchpoints",
            Envelopes.HubBatch([new StoredEvent(System.Text.Encoding.UTF8.GetBytes(call), "c-hub-skew", new Dictionary<string, string>())])));

        Assert.EndsWith("1 accepted, 0 duplicates, 0 dead-lettered", Envelopes.Log(answer));
        Assert.Equal("2026-11-22T09:55:01Z", handler.Store["c-hub-skew"]!.Clocks.LastCartActivity?.ToString());
    }

    [Fact]
    public async Task An_empty_event_is_dead_lettered_too()
    {
        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Touchpoints", Envelopes.WithEventBody(Envelopes.BinaryBatch, 2, [])));

        Assert.EndsWith("2 accepted, 0 duplicates, 1 dead-lettered", Envelopes.Log(answer));
        Assert.Contains("empty", Assert.Single(handler.DeadLetters.Letters).Reason);
    }

    public static TheoryData<Exception> TransientFailures() =>
        [new StoreUnavailableException("Cosmos DB answered 503"), new CustomerContentionException(ProfileKey.ForCustomer("c-42"), 5)];

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task A_transient_failure_before_the_last_attempt_answers_500_so_the_retry_policy_delivers_again(Exception failure)
    {
        handler.Store.Failure = failure;

        await Envelopes.AssertTransientAsync(await handler.InvokeAsync("Touchpoints", Envelopes.Text(Envelopes.FirstAttempt)));

        Assert.Empty(handler.DeadLetters.Letters);
    }

    [Fact]
    public async Task On_the_last_attempt_what_still_fails_is_dead_lettered_and_the_batch_answers_200()
    {
        handler.Store.Failure = new StoreUnavailableException("Cosmos DB answered 503");

        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Touchpoints", Envelopes.Text(Envelopes.FinalAttempt)));

        Assert.EndsWith("3 received, 0 accepted, 0 duplicates, 3 dead-lettered", Envelopes.Log(answer));
        Assert.Equal(["1017", "1018", "1019"], handler.DeadLetters.Letters.Select(l => l.Details[DeadLetterDetails.SequenceNumber]));
        Assert.All(handler.DeadLetters.Letters, l => Assert.Contains("last retry", l.Reason));
        Assert.All(handler.DeadLetters.Letters, l => Assert.DoesNotContain("c-42", l.Reason));
    }

    [Fact]
    public async Task Without_a_retry_policy_every_attempt_is_the_last_since_the_host_checkpoints_anyway()
    {
        handler.Store.Failure = new StoreUnavailableException("Cosmos DB answered 503");

        await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Touchpoints", Envelopes.Text(Envelopes.BinaryBatch)));

        Assert.Equal(3, handler.DeadLetters.Letters.Count);
    }

    [Fact]
    public async Task When_dead_letters_cannot_be_written_the_batch_fails_and_the_log_names_partition_and_sequences()
    {
        handler.Store.Failure = new StoreUnavailableException("Cosmos DB answered 503");
        handler.DeadLetters.Failure = new StoreUnavailableException("Blob Storage answered 503");

        await Envelopes.AssertTransientAsync(await handler.InvokeAsync("Touchpoints", Envelopes.Text(Envelopes.FinalAttempt)));

        Assert.Contains(handler.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("partition 2, sequence 1017-1019"));
    }

    [Fact]
    public async Task An_invocation_with_no_events_array_is_kept_whole_as_a_dead_letter()
    {
        var envelope = Envelopes.Node(Envelopes.BinaryBatch);
        envelope["Data"]!["events"] = "\"one event, not an array\"";

        await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Touchpoints", envelope.ToJsonString()));

        var letter = Assert.Single(handler.DeadLetters.Letters);
        Assert.Contains("not an array", letter.Reason);
        Assert.NotNull(JsonNode.Parse(letter.Body.ToArray()));
    }
}
