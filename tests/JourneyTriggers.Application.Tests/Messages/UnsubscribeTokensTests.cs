using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Core.Customers;
using NodaTime;
using static JourneyTriggers.Application.Messages.Unsubscribe.UnsubscribeTokenResult;

namespace JourneyTriggers.Application.Tests.Messages;

public class UnsubscribeTokensTests
{
    static readonly UnsubscribeTokens Tokens = new(Enumerable.Repeat((byte)7, 32).ToArray());
    static readonly Instant Issued = Instant.FromUtc(2026, 11, 22, 11, 0);
    static readonly Instant Expiry = Issued + Duration.FromDays(60);
    static readonly ProfileKey Customer = ProfileKey.ForCustomer("c-42");

    [Fact]
    public void Round_trips_until_expiry()
    {
        var token = Tokens.Issue(Customer, "m-1", Expiry);
        Assert.Equal(new Valid(Customer, "m-1", Expiry), Tokens.Verify(token, Issued));
        Assert.Equal(new Valid(Customer, "m-1", Expiry), Tokens.Verify(token, Expiry - Duration.FromSeconds(1)));
    }

    [Fact]
    public void Expires_at_its_expiry()
    {
        var token = Tokens.Issue(Customer, "m-1", Expiry);
        Assert.Equal(new Expired(Customer, "m-1", Expiry), Tokens.Verify(token, Expiry));
        Assert.IsType<Expired>(Tokens.Verify(token, Expiry + Duration.FromDays(365)));
    }

    [Fact]
    public void Uses_only_url_safe_characters() =>
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", Tokens.Issue(ProfileKey.ForAnonymous("a/b+c=ก"), "m-1", Expiry));

    [Fact]
    public void Rejects_a_changed_payload()
    {
        var token = Tokens.Issue(Customer, "m-1", Expiry);
        var other = Tokens.Issue(ProfileKey.ForCustomer("c-43"), "m-1", Expiry);
        var forged = other.Split('.')[0] + "." + token.Split('.')[1];
        Assert.Same(BadSignature.Instance, Tokens.Verify(forged, Issued));
    }

    [Fact]
    public void Rejects_a_token_signed_with_another_key()
    {
        var foreign = new UnsubscribeTokens(Enumerable.Repeat((byte)8, 32).ToArray()).Issue(Customer, "m-1", Expiry);
        Assert.Same(BadSignature.Instance, Tokens.Verify(foreign, Issued));
    }

    [Fact]
    public void No_single_character_change_verifies() =>
        Gen.Select(Gen.Int[0, 1000], Gen.Char["A-_z09."]).Sample((position, replacement) =>
        {
            var token = Tokens.Issue(Customer, "m-1", Expiry);
            var at = position % token.Length;
            if (token[at] == replacement) return;
            var tampered = token[..at] + replacement + token[(at + 1)..];
            Assert.IsNotType<Valid>(Tokens.Verify(tampered, Issued));
        });

    [Fact]
    public void Round_trips_any_customer_and_message() =>
        // Ids are well-formed Unicode: the normaliser refuses lone surrogates before they get here.
        Gen.Select(WellFormed, WellFormed).Sample((customer, message) =>
            Assert.Equal(new Valid(new ProfileKey(customer), message, Expiry), Tokens.Verify(Tokens.Issue(new ProfileKey(customer), message, Expiry), Issued)));

    static readonly Gen<string> WellFormed = Gen.String.Where(s => !s.Any(char.IsSurrogate));

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("abc", "expected two parts separated by '.'")]
    [InlineData(".abc", "expected two parts separated by '.'")]
    [InlineData("abc.", "expected two parts separated by '.'")]
    [InlineData("a.b.c", "expected two parts separated by '.'")]
    [InlineData("ab+c.def", "not base64url")]
    [InlineData("abc.d=f", "not base64url")]
    public void Tells_malformed_tokens_apart(string? token, string reason) =>
        Assert.Equal(new Malformed(reason), Tokens.Verify(token, Issued));

    [Fact]
    public void Refuses_very_long_input() =>
        Assert.Equal(new Malformed("too long"), Tokens.Verify(new string('a', 5000) + ".b", Issued));

    [Fact]
    public void Refuses_a_short_key()
    {
        Assert.Throws<ArgumentException>(() => new UnsubscribeTokens(new byte[16]));
        Assert.Throws<ArgumentException>(() => UnsubscribeTokens.FromBase64("not base64!"));
        Assert.Equal(32, Convert.FromBase64String(UnsubscribeTokens.GenerateKey()).Length);
    }

}
