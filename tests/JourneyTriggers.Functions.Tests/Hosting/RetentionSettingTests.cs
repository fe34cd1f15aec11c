using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Tests.Http;
using JourneyTriggers.Standalone;
using JourneyTriggers.Standalone.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JourneyTriggers.Functions.Tests.Hosting;

public sealed class RetentionSettingTests
{
    [Theory]
    [InlineData(null, 90)]
    [InlineData("", 90)]
    [InlineData("1", 1)]
    [InlineData(" 30 ", 30)]
    [InlineData("36500", 36500)]
    public void Whole_days_or_the_default(string? setting, int days) =>
        Assert.Equal(TimeSpan.FromDays(days), RetentionSetting.Read(Configuration(setting)));

    [Theory]
    [InlineData("0")]
    [InlineData("-7")]
    [InlineData("36501")]
    [InlineData("P30D")]
    [InlineData("30.5")]
    public void Anything_else_refuses_to_start_and_says_what_is_expected(string setting)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => RetentionSetting.Read(Configuration(setting)));
        Assert.Equal($"Standalone:RetentionDays is '{setting}', not a whole number of days from 1 to 36500. Logged decisions and settled outbox "
                     + "messages older than that are deleted (unset: 90; 36500 keeps them for good).", refused.Message);
    }

    [Fact]
    public void The_setting_reaches_the_sweep_that_the_service_runs()
    {
        using var service = new ServiceFactory(new Dictionary<string, string?> { [RetentionSetting.Setting] = "14" });
        service.CreateClient();

        Assert.Equal(TimeSpan.FromDays(14), service.Services.GetRequiredService<StandaloneOptions>().Retention);
        Assert.Single(service.Services.GetServices<IHostedService>().OfType<RetentionSweeper>());
    }

    static IConfiguration Configuration(string? setting) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [RetentionSetting.Setting] = setting }).Build();
}
