using System.Text;
using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Application.Tests.Privacy;

/// <summary>Which dead letters an erasure may take: any mention for a customer's id, an identity field for an id known from nothing else.</summary>
public sealed class DeadLetterMentionsTests
{
    [Theory]
    [InlineData("""{"customerId":"c-1"}""")]
    [InlineData("""{"userId" :  "c-1","timestamp":"oops"}""")]
    [InlineData("""{"type":"identify","traits":{"EMAIL":"c-1"}}""")]
    [InlineData("""{"anonymousId":"c-1","timestamp":""")]
    [InlineData("""{"previousId":"c-2","note":"c-1","userId":"c-1"}""")]
    public void An_identity_field_holding_the_id_names_it(string body) =>
        Assert.True(DeadLetterMentions.AsIdentity("c-1").Names(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""{"customerId":"c-10"}""")]
    [InlineData("""{"orderId":"c-1","customerId":"c-2"}""")]
    [InlineData("""{"ids":["c-1"]}""")]
    [InlineData("""{"note":"\"c-1\""}""")]
    [InlineData("customerId c-1, not JSON at all")]
    public void The_id_anywhere_else_does_not(string body)
    {
        Assert.False(DeadLetterMentions.AsIdentity("c-1").Names(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Any_quoted_mention_names_a_customers_id_and_a_longer_one_does_not()
    {
        var mentions = DeadLetterMentions.Anywhere(["c-1", "ann@example.com"]);

        Assert.True(mentions.Names("""{"orderId":"c-1"}"""u8));
        Assert.True(mentions.Names("""{"properties":{"email":"ann@example.com"}}"""u8));
        Assert.False(mentions.Names("""{"customerId":"c-10"}"""u8));
    }

    [Fact]
    public void A_thai_id_is_found_raw_and_escaped()
    {
        var mentions = DeadLetterMentions.AsIdentity("ลูกค้า-1");

        Assert.True(mentions.Names(Encoding.UTF8.GetBytes("""{"userId":"ลูกค้า-1"}""")));
        Assert.True(mentions.Names("""{"userId":"\u0E25\u0E39\u0E01\u0E04\u0E49\u0E32-1"}"""u8));
    }
}
