using System.Text;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Standalone.DeadLetters;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.DeadLetters;

/// <summary>Erasure's reach into the dead letters: a letter goes when its body names one of the person's ids as a JSON string.</summary>
public sealed class SqliteDeadLetterStoreTests : IDisposable
{
    readonly TempDirectory data = new();
    readonly SqliteDatabase database;
    readonly SqliteDeadLetterStore letters;

    public SqliteDeadLetterStoreTests()
    {
        database = SqliteDatabase.Open(data.Path);
        letters = new SqliteDeadLetterStore(database);
    }

    public void Dispose()
    {
        database.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task Erasing_removes_exactly_the_letters_that_name_an_id_raw_or_escaped_and_keeps_the_others()
    {
        await Keep("""{"type":"cart.item_added","customerId":"c-1","timestamp":"oops"}""");
        await Keep("""{"type":"cart.item_added","customerId":"c-10"}""");
        await Keep("""{"type":"page.viewed","anonymousId":"a-\u0E01\u0E02"}""");
        await Keep("""{"type":"customer.identified","customerId":"c-2","properties":{"email":"ann@example.com"}}""");
        await Keep("not json at all, mentions c-1 without quotes");

        var erased = await letters.EraseMentioningAsync(DeadLetterMentions.Anywhere(["c-1", "a-กข", "ann@example.com"]));

        Assert.Equal(3, erased);
        var left = (await letters.ListRecentAsync(10)).Select(l => Encoding.UTF8.GetString(l.Letter.Body.Span)).ToList();
        Assert.Equal(["not json at all, mentions c-1 without quotes", """{"type":"cart.item_added","customerId":"c-10"}"""], left);
        Assert.Equal(0, await letters.EraseMentioningAsync(DeadLetterMentions.Anywhere(["c-1"])));
    }

    Task<string> Keep(string body) =>
        letters.WriteAsync(new DeadLetter(Instant.FromUtc(2026, 11, 24, 9, 0), "inbox", "could not be decided", Encoding.UTF8.GetBytes(body), new Dictionary<string, string>()));
}
