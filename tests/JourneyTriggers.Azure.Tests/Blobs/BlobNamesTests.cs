using System.Text.RegularExpressions;
using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Blobs;

/// <summary>Customer folders in blob names: escaped, their own, and short enough for Blob Storage whatever the id.</summary>
[Collection(AzureServersCollection.Name)]
public sealed class BlobNamesTests(AzureServers servers)
{
    /// <summary>256 Thai letters: the longest id touchpoints accept, 2,304 characters once escaped.</summary>
    static readonly string LongThai = string.Concat(Enumerable.Repeat("สมชาย", 52))[..256];

    [Fact]
    public void A_time_ordered_id_tells_the_millisecond_it_was_made_for_and_no_other_text_tells_any()
    {
        var at = Now + NodaTime.Duration.FromMilliseconds(1234.5);

        Assert.Equal(Now + NodaTime.Duration.FromMilliseconds(1234), BlobNames.TimeOf(BlobNames.TimeOrderedId(at)));
        Assert.Null(BlobNames.TimeOf(Guid.NewGuid().ToString("D")));
        Assert.Null(BlobNames.TimeOf("not-an-id"));
    }

    [Fact]
    public void An_ordinary_id_is_its_escaped_self()
    {
        Assert.Equal("gid%3A%2F%2Fshopify%2FCustomer%2F7", BlobNames.Segment(ProfileKey.ForCustomer("gid://shopify/Customer/7")));
    }

    [Fact]
    public void Every_id_that_could_be_stored_before_keeps_its_name()
    {
        // 107 Thai letters escape to 963 characters: its effect batches' names were 1,018 long, and stored.
        var stored = string.Concat(Enumerable.Repeat("ก", 107));

        Assert.Equal(Uri.EscapeDataString(stored), BlobNames.Segment(ProfileKey.ForCustomer(stored)));
        Assert.Equal(new string('x', 969), BlobNames.Segment(ProfileKey.ForCustomer(new string('x', 969))));
    }

    [Fact]
    public void A_long_id_keeps_a_readable_start_and_ends_with_its_hash_within_the_bound()
    {
        var segment = BlobNames.Segment(ProfileKey.ForCustomer(LongThai));

        Assert.InRange(segment.Length, 960, 969);
        Assert.StartsWith(Uri.EscapeDataString("สมชาย"), segment, StringComparison.Ordinal);
        Assert.Matches("%7E[0-9a-f]{64}$", segment);
        // Cut between escapes, never inside one.
        Assert.Matches("^(%[0-9A-F]{2})+%7E", segment);
    }

    [Fact]
    public void Long_ids_that_differ_only_past_the_cut_get_folders_of_their_own_and_never_a_plain_ids()
    {
        var one = BlobNames.Segment(ProfileKey.ForCustomer(LongThai[..255] + "ก"));
        var other = BlobNames.Segment(ProfileKey.ForCustomer(LongThai[..255] + "ข"));

        Assert.NotEqual(one, other);
        Assert.Equal(Regex.Replace(one, "%7E.*$", ""), Regex.Replace(other, "%7E.*$", ""));
        // The id someone would need to claim another's folder escapes its '~', so its segment differs.
        var impostor = Uri.UnescapeDataString(one.Replace("%7E", "~", StringComparison.Ordinal));
        Assert.NotEqual(one, BlobNames.Segment(ProfileKey.ForCustomer(impostor)));
    }

    [Fact]
    public async Task A_customer_with_the_longest_thai_id_gets_messages_and_effects_stored_and_erased()
    {
        var key = ProfileKey.ForCustomer(LongThai);
        await using var rig = await Rig.CreateAsync(servers);

        Assert.True(await rig.Store.TrySaveAsync(Change(key, 1, null, [Sent(key, "m-1")], [Messages.Email("m-1", key, Now)])));

        var outbox = await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer);
        Assert.Single(outbox);
        Assert.All(outbox.Concat(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer)), name => Assert.True(name.Length < 1024, name));
        var erased = await rig.Store.EraseAsync(key);
        Assert.Equal(1, erased.Removed["messages"]);
        Assert.Empty(await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
    }
}
