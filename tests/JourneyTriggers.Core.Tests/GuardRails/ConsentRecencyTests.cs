using System.Text;
using System.Text.RegularExpressions;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Tests.GuardRails;

/// <summary>
/// Consent statements are weighed by when the customer made them (the touchpoint's timestamp), not by
/// when they arrive: the newer stands, and at one instant the revocation. A merge keeps the newer of
/// the two profiles' statements on each channel.
/// </summary>
public class ConsentRecencyTests
{
    /// <summary>Cart step 1 is push-or-email at 11:00 after a 10:00 add; email needs an explicit yes.</summary>
    static Scenario Shopper() => new Scenario(Configs.With(Configs.Cart())).Given(Tp.Identify("2026-11-22T00:00:00Z"));

    const string Sent = "2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1";
    const string Suppressed = "2026-11-22 11:00 c-42 message.suppressed abandoned_cart/1 no_reachable_channel";

    static string StepOne(Scenario s) => s.Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-22T12:00:00Z").Lines[^1];

    [Fact]
    public void A_grant_that_arrives_after_a_newer_revocation_changes_nothing() =>
        Assert.Equal(Suppressed, StepOne(Shopper().Given(Tp.Consent("2026-11-22T09:00:00Z", email: false), Tp.Consent("2026-11-22T08:00:00Z", email: true))));

    [Fact]
    public void A_revocation_that_arrives_after_a_newer_grant_changes_nothing() =>
        Assert.Equal(Sent, StepOne(Shopper().Given(Tp.Consent("2026-11-22T09:00:00Z", email: true), Tp.Consent("2026-11-22T08:00:00Z", email: false))));

    [Fact]
    public void A_grant_newer_than_the_revocation_applies() =>
        Assert.Equal(Sent, StepOne(Shopper().Given(Tp.Consent("2026-11-22T08:00:00Z", email: false), Tp.Consent("2026-11-22T09:00:00Z", email: true))));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void At_the_same_instant_the_revocation_stands_whichever_arrives_first(bool first, bool second) =>
        Assert.Equal(Suppressed, StepOne(Shopper().Given(Tp.Consent("2026-11-22T09:00:00Z", email: first), Tp.Consent("2026-11-22T09:00:00Z", email: second))));

    [Fact]
    public void Each_channel_keeps_its_own_statement_time()
    {
        // The late statement is older than the email grant but the first word on push: push takes it, email keeps its grant.
        var s = Shopper().Given(Tp.Consent("2026-11-22T09:00:00Z", email: true), Tp.Consent("2026-11-22T08:00:00Z", email: false, push: false));
        Assert.Equal(new ConsentStatement(true, Tp.At("2026-11-22T09:00:00Z")), s.Customer().Profile.EmailConsent);
        Assert.Equal(new ConsentStatement(false, Tp.At("2026-11-22T08:00:00Z")), s.Customer().Profile.PushConsent);
    }

    [Fact]
    public void A_newer_anonymous_revocation_survives_the_merge_into_an_older_known_grant()
    {
        // Review 15 #4: c-42 granted push on 11-01; as a-9 they registered a phone and revoked push on 11-22.
        var s = new Scenario(Configs.With(Configs.Cart())).Given(
            Tp.Consent("2026-11-01T00:00:00Z", email: null, push: true),
            Tp.Register("2026-11-22T10:00:00Z", customer: null, anonymous: "a-9"),
            Tp.Consent("2026-11-22T10:00:00Z", email: null, push: false, customer: null, anonymous: "a-9"),
            Tp.Add("2026-11-22T10:00:00Z", customer: null, anonymous: "a-9"),
            Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"));
        Assert.Contains(Suppressed, s.RunUntil("2026-11-22T12:00:00Z").Lines);
    }

    [Fact]
    public void A_newer_anonymous_grant_overrules_an_older_known_revocation()
    {
        var s = Shopper().Given(
            Tp.Consent("2026-11-01T00:00:00Z", email: false),
            Tp.Consent("2026-11-22T09:00:00Z", email: true, customer: null, anonymous: "a-9"),
            Tp.Identify("2026-11-22T09:30:00Z", customer: "c-42", anonymous: "a-9"));
        Assert.Equal(Sent, StepOne(s));
    }

    [Fact]
    public void A_newer_known_revocation_overrules_an_older_anonymous_grant()
    {
        var s = Shopper().Given(
            Tp.Consent("2026-11-22T09:00:00Z", email: false),
            Tp.Consent("2026-11-01T00:00:00Z", email: true, customer: null, anonymous: "a-9"),
            Tp.Identify("2026-11-22T09:30:00Z", customer: "c-42", anonymous: "a-9"));
        Assert.Equal(Suppressed, StepOne(s));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void At_the_same_instant_on_both_sides_of_a_merge_the_revocation_stands(bool known, bool anonymous)
    {
        var s = Shopper().Given(
            Tp.Consent("2026-11-22T09:00:00Z", email: known),
            Tp.Consent("2026-11-22T09:00:00Z", email: anonymous, customer: null, anonymous: "a-9"),
            Tp.Identify("2026-11-22T09:30:00Z", customer: "c-42", anonymous: "a-9"));
        Assert.Equal(Suppressed, StepOne(s));
    }

    [Fact]
    public void A_revocation_read_from_a_document_written_before_dating_holds_against_a_late_grant_made_before_it()
    {
        var engine = new JourneyEngine(Configs.With(Configs.Cart()));
        var revoked = new Scenario(Configs.With(Configs.Cart()))
            .Given(Tp.Identify("2026-11-22T08:00:00Z"), Tp.Consent("2026-11-22T10:00:00Z", email: false)).Customer();
        // As an older version stored it: the flag without its instant.
        var json = Encoding.UTF8.GetString(CustomerDocument.Serialize(revoked));
        var old = Regex.Replace(json, ",\"emailConsentAt\":\"[^\"]*\"", "");
        Assert.DoesNotContain("emailConsentAt", old, StringComparison.Ordinal);
        var stored = CustomerDocument.Deserialize(Encoding.UTF8.GetBytes(old));

        var lateGrant = engine.Decide(stored, Tp.Consent("2026-11-22T09:00:00Z", email: true), Tp.At("2026-11-22T11:00:00Z")).State;
        var newerGrant = engine.Decide(stored, Tp.Consent("2026-11-22T12:00:00Z", email: true), Tp.At("2026-11-22T12:00:00Z")).State;

        Assert.False(lateGrant.Profile.EmailConsent?.Granted);
        Assert.True(newerGrant.Profile.EmailConsent?.Granted);
    }

    [Fact]
    public void An_undated_statement_from_an_older_document_yields_to_any_dated_one()
    {
        // Documents written before statements were dated hold consent without an instant.
        var engine = new JourneyEngine(Configs.With(Configs.Cart()));
        var stored = CustomerState.New(CustomerRef.Known(Tp.Customer)) with
        {
            Profile = CustomerProfile.Empty with { EmailConsent = new ConsentStatement(false, null) },
        };
        var grant = Tp.Consent("2020-01-01T00:00:00Z", email: true);
        var after = engine.Decide(stored, grant, Tp.At("2026-11-22T00:00:00Z")).State;
        Assert.Equal(new ConsentStatement(true, grant.Timestamp), after.Profile.EmailConsent);
    }
}
