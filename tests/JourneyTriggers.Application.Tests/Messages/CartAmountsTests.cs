using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Tests.Support;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Tests.Messages;

/// <summary>
/// The amounts a cart reminder quotes (DESIGN 1: cart lines, totals in the customer's currency and
/// locale): each line's quantity, unit price and line price, and the total of all lines, as ฿32,900
/// in th-TH and THB 32,900.00 in en-US. A second line makes a total that no single line equals.
/// </summary>
public class CartAmountsTests
{
    static readonly CartLine Cases = new("CASE-3", "เคสโทรศัพท์กันกระแทก", 1290m, 3, "THB", "https://shop.example/p/CASE-3", "https://shop.example/i/CASE-3.jpg");

    /// <summary>What the shipped labels and the money format make of 3 × 1,290 and 1 × 32,900 in each locale.</summary>
    sealed record Expected(string Cases, string CasesLine, string Laptop, string LaptopLine, string TotalLabel, string Total);

    static Expected In(string locale) => locale == "th-TH"
        ? new("จำนวน 3 × ฿1,290", "฿3,870", "จำนวน 1 × ฿32,900", "฿32,900", "ยอดรวม", "฿36,770")
        : new("Qty 3 × THB 1,290.00", "THB 3,870.00", "Qty 1 × THB 32,900.00", "THB 32,900.00", "Total", "THB 36,770.00");

    public static TheoryData<string, string> CartTemplates()
    {
        var data = new TheoryData<string, string>();
        foreach (var (template, _) in Shoppers.DefaultTemplates.Where(t => t.Trigger == "abandoned_cart"))
        foreach (var locale in new[] { "th-TH", "en-US" })
            data.Add(template, locale);
        return data;
    }

    static OutboundMessage Compose(string template, string locale, Channel channel) =>
        Shoppers.Composer().Compose(Shoppers.Somying(locale, Cases, Shoppers.Laptop), Shoppers.Reminder(template, channel));

    [Theory, MemberData(nameof(CartTemplates))]
    public void The_plain_text_lists_each_line_with_quantity_unit_price_and_line_price_then_the_total(string template, string locale)
    {
        var expected = In(locale);
        var lines = Compose(template, locale, Channel.Email).Email!.Text.Split('\n');
        Assert.Contains($"- {Cases.Name} ({expected.Cases}): {expected.CasesLine}", lines);
        Assert.Contains($"- {Shoppers.Laptop.Name} ({expected.Laptop}): {expected.LaptopLine}", lines);
        Assert.Contains($"{expected.TotalLabel}: {expected.Total}", lines);
    }

    [Theory, MemberData(nameof(CartTemplates))]
    public void The_html_row_of_each_line_shows_quantity_unit_price_and_line_price_and_the_table_ends_with_the_total(string template, string locale)
    {
        var expected = In(locale);
        var html = Compose(template, locale, Channel.Email).Email!.Html;
        var cases = RowOf(html, $"<strong>{Cases.Name}</strong>");
        Assert.Contains(expected.Cases, cases);
        Assert.Contains($">{expected.CasesLine}</td>", cases);
        var laptop = RowOf(html, $"<strong>{Shoppers.Laptop.Name}</strong>");
        Assert.Contains(expected.Laptop, laptop);
        Assert.Contains($">{expected.LaptopLine}</td>", laptop);
        var total = RowOf(html, $">{expected.TotalLabel}</td>");
        Assert.Contains($">{expected.Total}</td>", total);
    }

    [Theory]
    [InlineData("th-TH")]
    [InlineData("en-US")]
    public void The_vip_push_quotes_the_cart_total(string locale) =>
        Assert.Contains(In(locale).Total, Compose("cart-vip", locale, Channel.Push).Push!.Body);

    [Fact]
    public void Lines_in_two_currencies_make_a_total_per_currency_never_their_sum()
    {
        var dollars = new CartLine("CAM-1", "Camera", 100m, 1, "USD", null, null);
        var moreDollars = new CartLine("CAM-2", "Strap", 100m, 1, "usd", null, null);
        var customer = Shoppers.Somying("en-US", dollars, Shoppers.Laptop, moreDollars, Cases);
        var text = Shoppers.Composer().Compose(customer, Shoppers.Reminder("cart-reminder-1", Channel.Email)).Email!.Text.Split('\n');

        Assert.Contains("Total: $200.00 + THB 36,770.00", text);
    }

    [Fact]
    public void A_line_without_a_currency_is_priced_in_the_carts_or_else_the_stores()
    {
        var unnamed = new CartLine("GIFT-1", "Gift wrap", 50m, 1, null, null, null);
        var withLaptop = Shoppers.Composer().Compose(Shoppers.Somying("en-US", unnamed, Shoppers.Laptop), Shoppers.Reminder("cart-reminder-1", Channel.Email));
        Assert.Contains("Total: THB 32,950.00", withLaptop.Email!.Text.Split('\n'));

        var alone = Shoppers.Composer().Compose(Shoppers.Somying("en-US", unnamed), Shoppers.Reminder("cart-reminder-1", Channel.Email));
        Assert.Contains("- Gift wrap (Qty 1 × THB 50.00): THB 50.00", alone.Email!.Text.Split('\n'));
        Assert.Contains("Total: THB 50.00", alone.Email!.Text.Split('\n'));
    }

    /// <summary>
    /// The table row holding <paramref name="marker"/>, from it to the row's end. Names are looked for
    /// as the row sets them: they also stand, alone, in the preheader above the table.
    /// </summary>
    static string RowOf(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"\"{marker}\" is not in the email");
        var end = html.IndexOf("</tr>", start, StringComparison.Ordinal);
        Assert.True(end > start, $"\"{marker}\" is not in a table row");
        return html[start..end];
    }
}
