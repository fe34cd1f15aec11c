using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.DeadLetters;

[Collection(AzureServersCollection.Name)]
public sealed class BlobDeadLetterStoreTests(AzureServers servers)
{
    static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 9, 0);

    [Fact]
    public async Task A_dead_letter_is_one_json_blob_per_event_under_its_day_with_the_raw_bytes_and_where_it_came_from()
    {
        await using var rig = await Rig.CreateAsync(servers);
        byte[] body = [0x7B, 0xFF, 0xFE, 0x00, 0x22]; // not even UTF-8: kept byte for byte
        var letter = new DeadLetter(Monday, "touchpoints", "not JSON: 'ÿ' at 1", body, new Dictionary<string, string>
        {
            [DeadLetterDetails.PartitionId] = "3",
            [DeadLetterDetails.SequenceNumber] = "1207",
            [DeadLetterDetails.Offset] = "88120",
            [DeadLetterDetails.EnqueuedTime] = "2026-11-23T08:59:58Z",
        });

        var id = await rig.DeadLetters.WriteAsync(letter);

        Assert.Equal([$"2026-11-23/{id}.json"], await rig.BlobNamesAsync(rig.Options.Storage.DeadLetterContainer));
        var stored = Assert.Single(await rig.DeadLetters.ListRecentAsync(10));
        Assert.Equal(id, stored.Id);
        Assert.Equal(body, stored.Letter.Body.ToArray());
        Assert.Equal(letter.Reason, stored.Letter.Reason);
        Assert.Equal(letter.Source, stored.Letter.Source);
        Assert.Equal(letter.At, stored.Letter.At);
        Assert.Equal(letter.Details, stored.Letter.Details);
    }

    [Fact]
    public async Task The_most_recent_come_first_across_days_up_to_the_limit()
    {
        await using var rig = await Rig.CreateAsync(servers);
        Instant[] times = [Monday - Duration.FromDays(2), Monday, Monday + Duration.FromMinutes(1), Monday - Duration.FromDays(1), Monday + Duration.FromMilliseconds(61_500)];
        foreach (var (at, n) in times.Select((at, n) => (at, n)))
            await rig.DeadLetters.WriteAsync(new DeadLetter(at, "timers", $"letter {n}", "{}"u8.ToArray(), new Dictionary<string, string>()));

        var recent = await rig.DeadLetters.ListRecentAsync(4);

        Assert.Equal(["letter 4", "letter 2", "letter 1", "letter 3"], recent.Select(r => r.Letter.Reason));
        Assert.Equal(5, (await rig.DeadLetters.ListRecentAsync(100)).Count);
    }

    [Fact]
    public async Task Erasing_removes_the_letters_of_every_day_that_name_an_id_and_keeps_the_others()
    {
        await using var rig = await Rig.CreateAsync(servers);
        string[] bodies = ["""{"customerId":"c-1","timestamp":"oops"}""", """{"customerId":"c-10"}""", """{"anonymousId":"a-9","email":"ann@example.com"}"""];
        foreach (var (body, n) in bodies.Select((b, n) => (b, n)))
            await rig.DeadLetters.WriteAsync(new DeadLetter(Monday - Duration.FromDays(n), "touchpoints", $"letter {n}", System.Text.Encoding.UTF8.GetBytes(body),
                new Dictionary<string, string>()));

        Assert.Equal(2, await rig.DeadLetters.EraseMentioningAsync(DeadLetterMentions.Anywhere(["c-1", "ann@example.com"])));

        Assert.Equal(["letter 1"], (await rig.DeadLetters.ListRecentAsync(10)).Select(l => l.Letter.Reason));
    }

    [Fact]
    public async Task Two_erasures_of_one_person_at_once_remove_each_letter_once_and_neither_fails_on_what_the_other_removed()
    {
        await using var rig = await Rig.CreateAsync(servers);
        for (var n = 0; n < 40; n++)
            await rig.DeadLetters.WriteAsync(new DeadLetter(Monday + Duration.FromSeconds(n), "touchpoints", $"letter {n}",
                System.Text.Encoding.UTF8.GetBytes($$"""{"customerId":"c-twice","n":{{n}}}"""), new Dictionary<string, string>()));
        var mentions = DeadLetterMentions.AsIdentity(JourneyTriggers.Core.Customers.ProfileKey.ForCustomer("c-twice"));

        var counts = await Task.WhenAll(rig.DeadLetters.EraseMentioningAsync(mentions), rig.DeadLetters.EraseMentioningAsync(mentions),
            ListingAsync());
        // A listing beside them must not fail on what they remove either.
        async Task<int> ListingAsync()
        {
            await rig.DeadLetters.ListRecentAsync(100);
            return 0;
        }

        Assert.Equal(40, counts.Sum());
        Assert.Empty(await rig.DeadLetters.ListRecentAsync(100));
    }

    [Fact]
    public async Task Nothing_dead_lettered_lists_nothing()
    {
        await using var rig = await Rig.CreateAsync(servers);

        Assert.Empty(await rig.DeadLetters.ListRecentAsync(10));
    }
}
