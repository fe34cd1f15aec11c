using JourneyTriggers.Azure.Email;
using Microsoft.Extensions.Configuration;

namespace JourneyTriggers.Azure.Tests.Email;

public sealed class AcsEmailSettingsTests
{
    static readonly string Key = Convert.ToBase64String(new byte[32]);

    static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void No_endpoint_means_no_ACS_email() =>
        Assert.Null(AcsEmailSettings.Read(Config(("Email:Sender", "DoNotReply@shop.example"))));

    [Fact]
    public void Endpoint_and_sender_read_with_an_optional_key()
    {
        var settings = AcsEmailSettings.Read(Config(
            ("Email:Endpoint", "https://jt.communication.azure.com"), ("Email:Sender", "DoNotReply@shop.example"), ("Email:AccessKey", Key)));

        Assert.Equal(new AcsEmailSettings(new Uri("https://jt.communication.azure.com/"), "DoNotReply@shop.example", Key), settings);
        Assert.DoesNotContain(Key, settings!.ToString());
        Assert.Null(AcsEmailSettings.Read(Config(("Email:Endpoint", "https://jt.communication.azure.com"), ("Email:Sender", "a@b.example")))!.AccessKey);
    }

    [Fact]
    public void Every_problem_is_listed_at_once_without_echoing_the_key()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => AcsEmailSettings.Read(Config(
            ("Email:Endpoint", "ftp://jt.communication.azure.com/emails"), ("Email:AccessKey", "not base64 !!"))));

        Assert.Contains("Email:Endpoint must be", failure.Message);
        Assert.Contains("Email:Sender is not set", failure.Message);
        Assert.Contains("Email:AccessKey is not base64", failure.Message);
        Assert.DoesNotContain("not base64 !!", failure.Message);
    }

    [Theory]
    [InlineData("http://jt.communication.azure.com")]
    [InlineData("jt.communication.azure.com")]
    [InlineData("https://jt.communication.azure.com/emails:send")]
    public void An_endpoint_that_is_not_the_resources_https_root_is_refused(string endpoint) =>
        Assert.Contains("Email:Endpoint must be", Assert.Throws<InvalidOperationException>(() =>
            AcsEmailSettings.Read(Config(("Email:Endpoint", endpoint), ("Email:Sender", "a@b.example")))).Message);

    [Fact]
    public void Plain_http_is_allowed_to_a_loopback_test_double() =>
        Assert.NotNull(AcsEmailSettings.Read(Config(("Email:Endpoint", "http://127.0.0.1:7999/"), ("Email:Sender", "a@b.example"))));

    [Theory]
    [InlineData("Shop <a@b.example>")]
    [InlineData("not-an-address")]
    public void A_sender_that_is_not_a_plain_address_is_refused(string sender) =>
        Assert.Contains("Email:Sender is not a plain email address", Assert.Throws<InvalidOperationException>(() =>
            AcsEmailSettings.Read(Config(("Email:Endpoint", "https://jt.communication.azure.com"), ("Email:Sender", sender)))).Message);

    [Fact]
    public async Task The_client_signs_with_the_key_when_one_is_set_else_with_Entra_ID()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        var keyed = new AcsEmailSettings(fake.Endpoint, "a@b.example", fake.AccessKey);
        var unusedCredential = new TestTokenCredential("never", AcsEmailClient.Scope);

        var result = await keyed.CreateClient(unusedCredential, AcsEmailTestClients.Options(fake)).SendAsync(global::Azure.WaitUntil.Completed, AcsEmailTestClients.Message());

        Assert.Equal(EmailSendStatus.Succeeded, result.Value.Status);
        Assert.Empty(unusedCredential.RequestedScopes);

        await using var https = await AcsEmailFake.StartAsync(https: true);
        https.AcceptedTokens.Add("entra");
        var entra = new TestTokenCredential("entra", AcsEmailClient.Scope);
        var viaEntra = await new AcsEmailSettings(https.Endpoint, "a@b.example", null).CreateClient(entra, AcsEmailTestClients.Options(https))
            .SendAsync(global::Azure.WaitUntil.Completed, AcsEmailTestClients.Message());
        Assert.Equal(EmailSendStatus.Succeeded, viaEntra.Value.Status);
        Assert.NotEmpty(entra.RequestedScopes);
    }
}
