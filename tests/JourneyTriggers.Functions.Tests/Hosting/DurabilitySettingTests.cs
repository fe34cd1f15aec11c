using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Tests.Http;
using JourneyTriggers.Standalone;
using JourneyTriggers.Standalone.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Hosting;

public sealed class DurabilitySettingTests
{
    [Theory]
    [InlineData(null, CommitDurability.ProcessCrash)]
    [InlineData("", CommitDurability.ProcessCrash)]
    [InlineData("ProcessCrash", CommitDurability.ProcessCrash)]
    [InlineData(" powerloss ", CommitDurability.PowerLoss)]
    public void A_name_in_any_case_or_the_default(string? setting, CommitDurability durability) =>
        Assert.Equal(durability, DurabilitySetting.Read(Configuration(setting)));

    [Theory]
    [InlineData("1")]
    [InlineData("full")]
    [InlineData("ProcessCrash,PowerLoss")]
    public void Anything_else_refuses_to_start_naming_both_choices(string setting)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => DurabilitySetting.Read(Configuration(setting)));
        Assert.StartsWith($"JourneyTriggers cannot start: Standalone:Durability is '{setting}'; use ProcessCrash", refused.Message);
        Assert.Contains("or PowerLoss", refused.Message);
    }

    [Fact]
    public void The_setting_reaches_the_standalone_store()
    {
        using var service = new ServiceFactory(new Dictionary<string, string?> { [DurabilitySetting.Setting] = "PowerLoss" });
        service.CreateClient();

        Assert.Equal(CommitDurability.PowerLoss, service.Services.GetRequiredService<StandaloneOptions>().Durability);
    }

    static IConfiguration Configuration(string? setting) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DurabilitySetting.Setting] = setting }).Build();
}
