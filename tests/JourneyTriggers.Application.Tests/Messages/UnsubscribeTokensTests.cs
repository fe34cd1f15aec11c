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
        Assert.Matches("^[A-Za-z0-9_-]+$", Tokens.Issue(ProfileKey.ForAnonymous("a/b+c=ก"), "m-1", Expiry));

    [Fact]
    public void Does_not_reveal_whom_it_is_for() =>
        // Customer ids are often email addresses, and links pass through scanners and proxy logs.
        Gen.Select(WellFormed, Gen.Int[0, 2]).Sample((local, shift) =>
        {
            var customer = "someone+" + local + "@example.com";
            var token = Tokens.Issue(ProfileKey.ForCustomer(customer), "m-1", Expiry);
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(customer)));
            // Nor as base64 at any of its three alignments, nor the message id.
            var encoded = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(new string('x', shift) + customer));
            Assert.DoesNotContain(encoded[(shift + 2)..^2], token);
            Assert.DoesNotContain("m-1", System.Text.Encoding.Latin1.GetString(bytes));
        });

    [Theory]
    [InlineData("ก")]
    [InlineData("😀")]
    [InlineData("\"")]
    public void The_longest_id_of_any_characters_still_gives_a_link_that_verifies(string character)
    {
        var longest = ProfileKey.ForAnonymous(string.Concat(Enumerable.Repeat(character, 256 / character.Length)));
        var token = Tokens.Issue(longest, "m-0123456789abcdef01234567", Expiry);

        Assert.True(token.Length < 4096, $"{token.Length} characters");
        Assert.Equal(new Valid(longest, "m-0123456789abcdef01234567", Expiry), Tokens.Verify(token, Issued));
    }

    [Fact]
    public void Is_the_same_for_the_same_message_and_differs_for_another()
    {
        Assert.Equal(Tokens.Issue(Customer, "m-1", Expiry), Tokens.Issue(Customer, "m-1", Expiry));
        Assert.NotEqual(Tokens.Issue(Customer, "m-1", Expiry), Tokens.Issue(Customer, "m-2", Expiry));
        Assert.NotEqual(Tokens.Issue(Customer, "m-1", Expiry), Tokens.Issue(Customer, "m-1", Expiry + Duration.FromSeconds(1)));
    }

    [Fact]
    public void Rejects_a_changed_ciphertext() =>
        Gen.Int[1, 1000].Sample(position =>
        {
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(Tokens.Issue(Customer, "m-1", Expiry));
            bytes[position % (bytes.Length - 1) + 1] ^= 0x01;
            Assert.Same(BadSignature.Instance, Tokens.Verify(System.Buffers.Text.Base64Url.EncodeToString(bytes), Issued));
        });

    // Issued by the first form (a readable payload, signed) with this file's key, before tokens were encrypted:
    // emails already sent carry such links, valid for the token lifetime.
    const string SignedBeforeEncryption = "eyJ2IjoxLCJjIjoiYy00MiIsIm0iOiJtLTEiLCJlIjoxODAwNTI5MjAwfQ.6siM1wLZiTludmSoN8_x4W8y0rMOCUzRCXEp3tIzk-k";

    [Fact]
    public void Still_accepts_the_signed_tokens_of_emails_already_sent()
    {
        Assert.Equal(new Valid(Customer, "m-1", Expiry), Tokens.Verify(SignedBeforeEncryption, Issued));
        Assert.Equal(new Expired(Customer, "m-1", Expiry), Tokens.Verify(SignedBeforeEncryption, Expiry));
    }

    [Fact]
    public void Rejects_a_changed_signed_payload()
    {
        // c-42 changed to c-43 under the same signature.
        var forged = "eyJ2IjoxLCJjIjoiYy00MyIsIm0iOiJtLTEiLCJlIjoxODAwNTI5MjAwfQ." + SignedBeforeEncryption.Split('.')[1];
        Assert.Same(BadSignature.Instance, Tokens.Verify(forged, Issued));
        Assert.Same(BadSignature.Instance, new UnsubscribeTokens(Enumerable.Repeat((byte)8, 32).ToArray()).Verify(SignedBeforeEncryption, Issued));
    }

    [Fact]
    public void Rejects_a_token_signed_with_another_key()
    {
        var foreign = new UnsubscribeTokens(Enumerable.Repeat((byte)8, 32).ToArray()).Issue(Customer, "m-1", Expiry);
        Assert.Same(BadSignature.Instance, Tokens.Verify(foreign, Issued));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void No_single_character_change_verifies(bool sealedToken) =>
        Gen.Select(Gen.Int[0, 1000], Gen.Char["A-_z09."]).Sample((position, replacement) =>
        {
            var token = sealedToken ? Tokens.Issue(Customer, "m-1", Expiry) : SignedBeforeEncryption;
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
    [InlineData("abc", "too short")]
    [InlineData("ab+c", "not base64url")]
    [InlineData("AwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "unknown version 3")]
    [InlineData(".abc", "expected two parts separated by '.'")]
    [InlineData("abc.", "expected two parts separated by '.'")]
    [InlineData("a.b.c", "expected two parts separated by '.'")]
    [InlineData("ab+c.def", "not base64url")]
    [InlineData("abc.d=f", "not base64url")]
    public void Tells_malformed_tokens_apart(string? token, string reason) =>
        Assert.Equal(new Malformed(reason), Tokens.Verify(token, Issued));

    [Fact]
    public void Refuses_very_long_input() =>
        Assert.Equal(new Malformed("too long"), Tokens.Verify(new string('a', 5000), Issued));

    [Fact]
    public void Refuses_a_short_key()
    {
        Assert.Throws<ArgumentException>(() => new UnsubscribeTokens(new byte[16]));
        Assert.Throws<ArgumentException>(() => UnsubscribeTokens.FromBase64("not base64!"));
        Assert.Equal(32, Convert.FromBase64String(UnsubscribeTokens.GenerateKey()).Length);
    }

}
