using System.Net;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Functions.Tests.Cli;
using NodaTime;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// The promise of the archive, against the real process: the traffic a service took in, exported, replays through
/// <c>simulate</c> exactly as the original stream does — so last month's traffic can be tried against a new configuration.
/// </summary>
public sealed class TouchpointArchiveEndToEndTests
{
    [Fact]
    public async Task The_sample_week_sent_to_the_service_and_exported_replays_exactly_as_the_sample_itself()
    {
        await using var service = await ServiceProcess.StartAsync(await File.ReadAllTextAsync(SimulateCommandTests.Config), ["--Standalone:ArchiveTouchpoints=true"]);
        var sample = await File.ReadAllBytesAsync(SimulateCommandTests.Events);
        using var posted = await service.Http.SendAsync(service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.RawContent(sample, "application/x-ndjson")));
        var answer = IngestAnswer.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(1, answer.Rejected);

        var exported = await service.TouchpointsAsync();
        Assert.Equal(answer.Accepted, exported.Count);
        var file = Path.Combine(service.Root, "exported.ndjson");
        await File.WriteAllLinesAsync(file, exported);

        var replayed = await SimulateCommandTests.Simulate("--events", file, "--config", SimulateCommandTests.Config);
        var original = await SimulateCommandTests.Simulate("--events", SimulateCommandTests.Events, "--config", SimulateCommandTests.Config);
        Assert.Equal(0, replayed.Exit);
        // Only the line the service refused is missing: its rejection was the collector's answer, not a touchpoint to keep.
        var expected = original.Stdout.Split('\n').Where(line => !line.Contains("\"type\":\"event.rejected\"", StringComparison.Ordinal));
        Assert.Equal(expected, replayed.Stdout.Split('\n'));
        Assert.Equal(original.Stdout.Split('\n').Length - answer.Rejected, replayed.Stdout.Split('\n').Length);

        // Compressed for a client that asks (curl --compressed): the same lines.
        using var request = service.Admin("/api/touchpoints");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var zipped = await service.Http.SendAsync(request);
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        await using (var gunzip = new System.IO.Compression.GZipStream(await zipped.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gunzip))
            Assert.Equal(exported, (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Ranges are by arrival: all of it arrived today, none of it before.
        Assert.Equal(exported, await service.TouchpointsAsync("?from=2000-01-01"));
        Assert.Empty(await service.TouchpointsAsync("?to=2000-01-01"));
    }

    [Fact]
    public async Task Erasing_a_customer_erases_their_touchpoints_from_the_archive()
    {
        await using var service = await ServiceProcess.StartAsync(await File.ReadAllTextAsync(SimulateCommandTests.Config), ["--Standalone:ArchiveTouchpoints=true"]);
        var sample = await File.ReadAllBytesAsync(SimulateCommandTests.Events);
        using var posted = await service.Http.SendAsync(service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.RawContent(sample, "application/x-ndjson")));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var before = await service.TouchpointsAsync();
        var theirs = before.Count(line => line.Contains("\"customerId\":\"c-1002\"", StringComparison.Ordinal));
        Assert.True(theirs > 0);
        // Their own record, alone (what a request for a copy of one's data needs): the same lines, in the same order.
        Assert.Equal(before.Where(line => line.Contains("\"customerId\":\"c-1002\"", StringComparison.Ordinal)), await service.TouchpointsAsync("?customerId=c-1002"));

        using var erased = await service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/customers/c-1002")
        {
            Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", service.AdminKey) },
        });
        var report = System.Text.Json.JsonDocument.Parse(await erased.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(theirs, report.GetProperty("erased").GetProperty("archivedTouchpoints").GetInt32());
        var after = await service.TouchpointsAsync();
        Assert.DoesNotContain(after, line => line.Contains("c-1002", StringComparison.Ordinal));
        Assert.Equal(before.Count - theirs, after.Count);
        Assert.Empty(await service.TouchpointsAsync("?customerId=c-1002"));
    }

    [Fact]
    public async Task An_unsubscribe_is_kept_in_the_archive_so_a_replay_sees_the_customer_leave()
    {
        var signingKey = UnsubscribeTokens.GenerateKey();
        await using var service = await ServiceProcess.StartAsync(await File.ReadAllTextAsync(SimulateCommandTests.Config),
            ["--Standalone:ArchiveTouchpoints=true", $"--Unsubscribe:SigningKey={signingKey}"]);
        const string customer = "c-archive-unsubscribe";
        var now = DateTimeOffset.UtcNow;
        await service.PostEventsRetryingAsync(System.Text.Json.JsonSerializer.Serialize(new object[]
        {
            new { id = "u-1", type = "customer.identified", customerId = customer, timestamp = Events.Stamp(now), properties = new { email = "leaving@example.com" } },
            new { id = "u-2", type = "consent.updated", customerId = customer, timestamp = Events.Stamp(now), properties = new { email = true } },
        }), TimeSpan.FromSeconds(30));
        var token = UnsubscribeTokens.FromBase64(signingKey).Issue(ProfileKey.ForCustomer(customer), "m-archive", Instant.FromDateTimeOffset(now.AddDays(1)));

        using var clicked = await service.Http.GetAsync("/unsubscribe?token=" + Uri.EscapeDataString(token));

        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        var archived = await service.TouchpointsAsync("?customerId=" + customer);
        Assert.Equal(3, archived.Count);
        Assert.Contains("\"type\":\"consent.updated\"", archived[2], StringComparison.Ordinal);
        Assert.Contains("\"email\":false", archived[2], StringComparison.Ordinal);
    }
}
