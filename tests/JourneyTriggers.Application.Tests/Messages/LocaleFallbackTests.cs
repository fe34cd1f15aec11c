using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Tests.Support;
using JourneyTriggers.Core.Configuration;

namespace JourneyTriggers.Application.Tests.Messages;

public class LocaleFallbackTests
{
    static readonly string[] Shipped = ["en-US", "th-TH"];

    [Theory]
    [InlineData("th-TH", "th-TH")]
    [InlineData("TH-th", "th-TH")]
    [InlineData("th_TH", "th-TH")]
    [InlineData("th", "th-TH")]
    [InlineData("th-Thai-TH", "th-TH")]
    [InlineData("en-GB", "en-US")]
    [InlineData("en", "en-US")]
    [InlineData("fr-FR", "en-US")]
    [InlineData("", "en-US")]
    [InlineData(null, "en-US")]
    public void Falls_back_by_language_then_to_english(string? requested, string expected) =>
        Assert.Equal(expected, LocaleFallback.Resolve(requested, Shipped));

    [Fact]
    public void Prefers_an_exact_regional_match_over_the_primary_one() =>
        Assert.Equal("en-GB", LocaleFallback.Resolve("en-gb", ["en-GB", "en-US", "th-TH"]));

    [Fact]
    public void Without_english_takes_what_exists() =>
        Assert.Equal("th-TH", LocaleFallback.Resolve("fr-FR", ["th-TH"]));

    [Theory]
    [InlineData("th-TH", "en-US", "th-TH")]
    [InlineData(null, "th-TH", "th-TH")]
    [InlineData(null, "en-US", "en-US")]
    [InlineData("en-AU", "th-TH", "en-US")]
    [InlineData("ja-JP", "th-TH", "en-US")]
    public void The_composer_uses_the_profile_locale_else_the_configuration_default(string? profile, string configured, string expected)
    {
        var message = Shoppers.Composer(configured).Compose(Shoppers.Somying(profile), Shoppers.Reminder("cart-reminder-1", Channel.Email));
        Assert.Equal(expected, message.Locale);
        Assert.Contains($"lang=\"{expected}\"", message.Email!.Html);
    }

    [Fact]
    public void A_template_only_one_locale_has_is_used_from_there()
    {
        using var overrides = new TempDirectory();
        foreach (var part in TemplateParts.Required) overrides.Write($"th-TH/cart-2b/{part}", "ตะกร้า\nของคุณ");
        var message = Shoppers.Composer("th-TH", overrides.Path).Compose(Shoppers.Somying("en-US"), Shoppers.Reminder("cart-2b", Channel.Push));
        Assert.Equal("th-TH", message.Locale);
        Assert.Equal(("ตะกร้า", "ของคุณ"), (message.Push!.Title, message.Push.Body));
    }
}
