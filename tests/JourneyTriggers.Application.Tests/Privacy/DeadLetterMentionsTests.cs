using System.Text;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Tests.Privacy;

/// <summary>Which dead letters an erasure may take: any mention for a customer's id, an identity field for an id known from nothing else.</summary>
public sealed class DeadLetterMentionsTests
{
    static readonly DeadLetterMentions Customer = DeadLetterMentions.AsIdentity(ProfileKey.ForCustomer("c-1"));

    [Theory]
    [InlineData("""{"customerId":"c-1"}""")]
    [InlineData("""{"userId" :  "c-1","timestamp":"oops"}""")]
    [InlineData("""{"type":"identify","traits":{"USERID":"c-1"}}""")]
    [InlineData("""[{"customerId":"c-1","timestamp":""")]
    [InlineData("""{"previousId":"c-2","note":"c-1","userId":"c-1"}""")]
    public void A_customers_id_field_holding_the_id_names_it(string body) =>
        Assert.True(Customer.Names(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""{"customerId":"c-10"}""")]
    [InlineData("""{"orderId":"c-1","customerId":"c-2"}""")]
    [InlineData("""{"ids":["c-1"]}""")]
    [InlineData("""{"note":"\"c-1\""}""")]
    [InlineData("""{"x\"userId":"c-1"}""")]
    [InlineData("""{"anonymousId":"c-1"}""")]
    [InlineData("""{"email":"c-1"}""")]
    [InlineData("customerId c-1, not JSON at all")]
    public void The_id_anywhere_else_or_as_another_kind_of_id_does_not(string body) =>
        Assert.False(Customer.Names(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_visitors_id_is_found_as_an_anonymous_id_only()
    {
        var visitor = DeadLetterMentions.AsIdentity(ProfileKey.ForAnonymous("a-7"));

        Assert.True(visitor.Names("""{"anonymousId":"a-7"}"""u8));
        Assert.False(visitor.Names("""{"userId":"a-7"}"""u8));
    }

    [Fact]
    public void An_id_sent_as_a_number_is_found_as_that_number_and_no_longer_one()
    {
        var numbered = DeadLetterMentions.AsIdentity(ProfileKey.ForCustomer("12345"));

        Assert.True(numbered.Names("""{"userId":12345,"event":"Order Completed"}"""u8));
        Assert.True(numbered.Names("""{"userId": 12345}"""u8));
        Assert.True(numbered.Names("""{"userId":"12345"}"""u8));
        Assert.False(numbered.Names("""{"userId":123456}"""u8));
        Assert.False(numbered.Names("""{"quantity":12345}"""u8));
    }

    [Fact]
    public void An_id_with_a_slash_is_found_with_the_slash_escaped()
    {
        var shopify = DeadLetterMentions.AsIdentity(ProfileKey.ForCustomer("gid://shopify/Customer/7"));

        Assert.True(shopify.Names("""{"customerId":"gid:\/\/shopify\/Customer\/7"}"""u8));
        Assert.True(shopify.Names("""{"customerId":"gid://shopify/Customer/7"}"""u8));
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
    public void A_thai_id_is_found_raw_and_escaped_in_either_case()
    {
        var mentions = DeadLetterMentions.AsIdentity(ProfileKey.ForCustomer("ลูกค้า-1"));

        Assert.True(mentions.Names(Encoding.UTF8.GetBytes("""{"userId":"ลูกค้า-1"}""")));
        Assert.True(mentions.Names("""{"userId":"\u0E25\u0E39\u0E01\u0E04\u0E49\u0E32-1"}"""u8));
        Assert.True(mentions.Names("""{"userId":"\u0e25\u0e39\u0e01\u0e04\u0e49\u0e32-1"}"""u8));
    }
}
