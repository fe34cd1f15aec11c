using CsCheck;
using JourneyTriggers.Azure.Push;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Azure.Tests.Push;

public sealed class InstallationTagsTests
{
    static bool Allowed(char c) => char.IsAsciiLetterOrDigit(c) || "_@#.:-".Contains(c, StringComparison.Ordinal);

    [Theory]
    [InlineData("c-42", "customer:c-42")]
    [InlineData("anon:a-9", "customer:anon:a-9")]
    [InlineData("ann@example.test", "customer:ann@example.test")]
    [InlineData("a b#c", "customer:a#20b#23c")]
    [InlineData("ลูกค้า", "customer:#e0#b8#a5#e0#b8#b9#e0#b8#81#e0#b8#84#e0#b9#89#e0#b8#b2")]
    public void Tags_keep_allowed_characters_and_escape_the_rest(string key, string tag) =>
        Assert.Equal(tag, InstallationTags.ForCustomer(new ProfileKey(key)));

    [Fact]
    public void Every_key_gives_a_tag_of_allowed_characters_within_120()
    {
        Gen.String.Sample(key =>
        {
            var tag = InstallationTags.ForCustomer(new ProfileKey(key));
            return tag.Length <= 120 && tag.All(Allowed) && InstallationTags.UserId(new ProfileKey(key)).Length <= 120;
        });
    }

    [Fact]
    public void Different_keys_never_share_a_tag()
    {
        Gen.Select(Gen.String, Gen.String).Sample((a, b) =>
            a == b || InstallationTags.ForCustomer(new ProfileKey(a)) != InstallationTags.ForCustomer(new ProfileKey(b)));
    }

    [Fact]
    public void A_key_too_long_for_a_tag_is_hashed()
    {
        var tag = InstallationTags.ForCustomer(new ProfileKey(new string('x', 200)));

        Assert.StartsWith("customer:#h", tag, StringComparison.Ordinal);
        Assert.True(tag.Length <= 120);
    }
}
