using System.Security.Cryptography;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Email;
using JourneyTriggers.Azure.Push;
using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Standalone.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>The standalone host's choice of providers (ACS over SMTP over the outbox), as registered and as the banner tells it.</summary>
public sealed class DeliveryChannelsStartupTests
{
    static readonly string AccessKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    static readonly string HubKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    static readonly Dictionary<string, string?> Smtp = new()
    {
        ["Smtp:Host"] = "smtp.shop.example", ["Smtp:Port"] = "2525", ["Smtp:FromAddress"] = "shop@shop.example",
    };

    static readonly Dictionary<string, string?> Acs = new()
    {
        ["Email:Endpoint"] = "https://shop-acs.communication.azure.com", ["Email:Sender"] = "DoNotReply@shop.example", ["Email:AccessKey"] = AccessKey,
    };

    static readonly Dictionary<string, string?> Hub = new()
    {
        ["NotificationHubs:Namespace"] = "shop-ns", ["NotificationHubs:HubName"] = "shop-hub",
        ["NotificationHubs:SasKeyName"] = "JourneyTriggersSend", ["NotificationHubs:SasKey"] = HubKey,
    };

    /// <summary>A real email sender needs to know where customers reach the service, for its unsubscribe links.</summary>
    static readonly Dictionary<string, string?> PublicAddress = new() { [UnsubscribeBaseUrl.Setting] = "https://jt.shop.example" };

    static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Communication_Services_wins_over_SMTP_and_Notification_Hubs_takes_push_and_the_banner_says_so_without_keys()
    {
        using var service = new ServiceFactory(Merge(Smtp, Acs, Hub, PublicAddress));
        service.CreateClient();

        Assert.IsType<AcsEmailSender>(service.Services.GetRequiredService<IEmailSender>());
        Assert.IsType<NotificationHubsPushSender>(service.Services.GetRequiredService<IPushSender>());
        var banner = service.Banner.ToString();
        Assert.Contains("Reminder email goes through Communication Services at shop-acs.communication.azure.com (access key); "
                        + "push through Notification Hubs, hub shop-hub at shop-ns.servicebus.windows.net.", banner);
        Assert.DoesNotContain(AccessKey, banner);
        Assert.DoesNotContain(HubKey, banner);
        Assert.DoesNotContain(AccessKey, string.Join('\n', service.Logs.Lines));
    }

    [Fact]
    public void Without_Communication_Services_email_goes_to_SMTP_and_push_stays_in_the_outbox()
    {
        using var service = new ServiceFactory(Merge(Smtp, PublicAddress));
        service.CreateClient();

        Assert.IsType<SmtpEmailSender>(service.Services.GetRequiredService<IEmailSender>());
        Assert.Null(service.Services.GetService<IPushSender>());
        Assert.Contains("Reminder email goes through SMTP at smtp.shop.example:2525; push through the outbox (dev inbox).", service.Banner.ToString());
    }

    [Fact]
    public void Without_a_key_Communication_Services_is_reached_with_Entra_ID()
    {
        var acs = new AcsEmailSettings(new Uri("https://shop-acs.communication.azure.com"), "DoNotReply@shop.example", null);

        var channels = StandaloneChannels.Describe(acs, null, null);

        Assert.Equal(("Communication Services at shop-acs.communication.azure.com (Entra ID)", "the outbox (dev inbox)"), (channels.Email, channels.Push));
    }

    [Fact]
    public void An_endpoint_without_a_sender_stops_start_up_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Acs) { ["Email:Sender"] = null }).Build();

        var refused = Assert.Throws<StartupRefusedException>(() => StandaloneChannels.Register(new ServiceCollection(), configuration, smtp: null));

        Assert.Contains("Email:Sender is not set", refused.Message);
        Assert.DoesNotContain(AccessKey, refused.Message);
    }
}
