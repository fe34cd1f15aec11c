using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Tests.Http;
using JourneyTriggers.Standalone;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Hosting;

public sealed class ArchiveSettingTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData(" True ", true)]
    public void True_false_or_off_by_default(string? setting, bool archive) =>
        Assert.Equal(archive, ArchiveSetting.Read(Configuration(setting)));

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("on")]
    public void Anything_else_refuses_to_start_and_says_what_is_expected(string setting)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => ArchiveSetting.Read(Configuration(setting)));
        Assert.Equal($"JourneyTriggers cannot start: Standalone:ArchiveTouchpoints is '{setting}'; use true (keep every decided touchpoint, " +
                     "for replaying it with simulate, for as long as Standalone:RetentionDays says) or false (keep none, the default).", refused.Message);
    }

    [Fact]
    public void The_setting_reaches_the_service()
    {
        using var service = new ServiceFactory(new Dictionary<string, string?> { [ArchiveSetting.Setting] = "true" });
        service.CreateClient();

        Assert.True(service.Services.GetRequiredService<StandaloneOptions>().ArchiveTouchpoints);
        Assert.NotNull(service.Services.GetService<Application.Ports.ITouchpointArchive>());
    }

    static IConfiguration Configuration(string? setting) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ArchiveSetting.Setting] = setting }).Build();
}
