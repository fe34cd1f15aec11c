using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Tests.Http;
using JourneyTriggers.Standalone;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Hosting;

public sealed class DocumentCacheSizeTests
{
    [Theory]
    [InlineData(null, StandaloneOptions.DefaultDocumentCacheBytes)]
    [InlineData("", StandaloneOptions.DefaultDocumentCacheBytes)]
    [InlineData("0", 0L)]
    [InlineData("256", 256L * 1024 * 1024)]
    [InlineData(" 8 ", 8L * 1024 * 1024)]
    public void Whole_megabytes_or_the_default(string? setting, long bytes) =>
        Assert.Equal(bytes, DocumentCacheSize.Bytes(Configuration(setting)));

    [Theory]
    [InlineData("-1")]
    [InlineData("64MB")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void Anything_else_refuses_to_start_and_says_what_is_expected(string setting)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => DocumentCacheSize.Bytes(Configuration(setting)));
        Assert.Equal($"Standalone:DocumentCacheMegabytes is '{setting}', not a whole number of megabytes from 0 to 1048576. "
                     + "It bounds the customer documents kept in memory (0 keeps none; unset: 0).", refused.Message);
    }

    [Fact]
    public void The_setting_reaches_the_standalone_store()
    {
        using var service = new ServiceFactory(new Dictionary<string, string?> { [DocumentCacheSize.Setting] = "3" });
        service.CreateClient();

        Assert.Equal(3L * 1024 * 1024, service.Services.GetRequiredService<StandaloneOptions>().DocumentCacheBytes);
    }

    static IConfiguration Configuration(string? setting) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DocumentCacheSize.Setting] = setting }).Build();
}
