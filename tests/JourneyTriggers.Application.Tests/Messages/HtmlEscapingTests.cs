using JourneyTriggers.Application.Tests.Support;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Application.Tests.Messages;

/// <summary>Product names and links come from storefront events: anyone can put markup in them.</summary>
public class HtmlEscapingTests
{
    const string Evil = "Laptop <script>alert('x')</script> & \"Co\"";

    static CustomerState WithEvilCart() => Shoppers.Somying("en-US",
        new CartLine("EVIL-1", Evil, 100m, 1, "THB", "javascript:alert(1)", "javascript:alert(2)"),
        Shoppers.Laptop);

    [Fact]
    public void A_product_name_is_encoded_in_html_and_left_alone_in_text()
    {
        var email = Shoppers.Composer().Compose(WithEvilCart(), Shoppers.Reminder("cart-reminder-1", Channel.Email)).Email!;
        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("Laptop &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;", email.Html);
        Assert.Contains(Evil, email.Text);
    }

    [Fact]
    public void A_product_name_in_the_subject_stays_on_one_line()
    {
        var state = Shoppers.Browser("en-US") with
        {
            Browse = BrowseHistory.None.Viewed(new ProductInfo("X", "Shoes\r\nBcc: victim@example.com", 10m, "THB", null, null)),
        };
        var email = Shoppers.Composer().Compose(state, Shoppers.Reminder("browse-reminder", Channel.Email, "browse_abandoned")).Email!;
        Assert.Equal("Still thinking about Shoes Bcc: victim@example.com?", email.Subject);
    }

    [Fact]
    public void Links_that_are_not_http_never_reach_the_email()
    {
        var email = Shoppers.Composer().Compose(WithEvilCart(), Shoppers.Reminder("cart-reminder-1", Channel.Email)).Email!;
        Assert.DoesNotContain("javascript:", email.Html);
        Assert.Contains("https://shop.example/i/LAP-14.jpg", email.Html);
    }

    [Fact]
    public void Thai_text_is_not_turned_into_entities()
    {
        var email = Shoppers.Composer().Compose(Shoppers.Somying(), Shoppers.Reminder("cart-reminder-1", Channel.Email)).Email!;
        Assert.Contains("โน้ตบุ๊ก ThinkBook 14 นิ้ว", email.Html);
        Assert.DoesNotContain("&#xE", email.Html);
    }
}
