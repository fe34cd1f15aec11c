using JourneyTriggers.Application.Messages.Money;

namespace JourneyTriggers.Application.Tests.Messages;

/// <summary>Formatting rules are ours, not ICU's: these hold on hosts with invariant globalization too.</summary>
public class MoneyFormatTests
{
    [Theory]
    [InlineData(32900, "THB", "th-TH", "฿32,900")]
    [InlineData(32900, "THB", "en-US", "THB 32,900.00")]
    [InlineData(34080.5, "THB", "th-TH", "฿34,080.50")]
    [InlineData(0.005, "THB", "th-TH", "฿0.01")]
    [InlineData(1234.5, "USD", "en-US", "$1,234.50")]
    [InlineData(1234.5, "USD", "th-TH", "US$1,234.50")]
    [InlineData(1234, "USD", "th-TH", "US$1,234")]
    [InlineData(999.999, "EUR", "en-US", "€1,000.00")]
    [InlineData(1500, "JPY", "en-US", "¥1,500")]
    [InlineData(1500.4, "JPY", "th-TH", "¥1,500")]
    [InlineData(12.3456, "KWD", "en-US", "KWD 12.346")]
    [InlineData(1234567.891, "SGD", "en-US", "SGD 1,234,567.89")]
    [InlineData(-250, "THB", "th-TH", "-฿250")]
    [InlineData(-250, "USD", "en-US", "-$250.00")]
    [InlineData(100, "thb", "th_TH", "฿100")]
    [InlineData(100, "THB", "fr-FR", "THB 100.00")]
    [InlineData(100, null, "en-US", "100.00")]
    [InlineData(100, null, "th-TH", "100")]
    [InlineData(0, "THB", "en-US", "THB 0.00")]
    [InlineData(999, "GBP", "en-GB", "£999.00")]
    public void Formats(double amount, string? currency, string locale, string expected) =>
        Assert.Equal(expected, MoneyFormat.Format((decimal)amount, currency, locale));

    [Fact]
    public void Groups_every_three_digits_for_any_size() =>
        Gen.Long[0, long.MaxValue / 1000].Sample(n =>
        {
            var text = MoneyFormat.Format(n, "USD", "en-US");
            var digits = text[1..^3];
            Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), digits.Replace(",", ""));
            Assert.All(digits.Split(',').Skip(1), group => Assert.Equal(3, group.Length));
        });
}
