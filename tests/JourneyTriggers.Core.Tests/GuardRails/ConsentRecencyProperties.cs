using System.Globalization;
using CsCheck;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.GuardRails;

/// <summary>
/// The consent that stands is the one of the newest statement on each channel (a revocation on a tie),
/// whatever order the statements arrive in and whichever side of a merge made them. Sends that follow
/// from it are checked over whole generated streams by the audit's channel-choice rule
/// (<c>EnginePropertyTests.Reminders_take_the_first_reachable_consented_channel</c>), whose model weighs
/// statements the same way and whose streams deliver some of them late.
/// </summary>
public class ConsentRecencyProperties
{
    static readonly Instant Start = Instant.FromUtc(2026, 11, 22, 0, 0);
    static readonly JourneyEngine Engine = new(Configs.With(Configs.Cart()));

    /// <summary>A statement as small numbers: minutes after the start (few, so ties are common) and what it says per channel.</summary>
    internal readonly record struct Said(int Minute, bool? Email, bool? Push);

    static readonly Gen<bool?> Answer = Gen.OneOf<bool?>(true, false, null);
    static readonly Gen<Said> Statement = Gen.Select(Gen.Int[0, 10], Answer, Answer, (minute, email, push) => new Said(minute, email, push));

    /// <summary>The oracle: per channel, the latest minute that names it; granted only if every statement then grants.</summary>
    static ConsentStatement? Newest(IEnumerable<Said> statements, Func<Said, bool?> channel)
    {
        var named = statements.Where(s => channel(s) is not null).ToList();
        if (named.Count == 0) return null;
        var latest = named.Max(s => s.Minute);
        return new ConsentStatement(named.Where(s => s.Minute == latest).All(s => channel(s) == true), Start + Duration.FromMinutes(latest));
    }

    static CustomerState Apply(CustomerState state, IEnumerable<Said> statements, CustomerRef who, string idPrefix)
    {
        var i = 0;
        foreach (var s in statements)
        {
            var id = new TouchpointId(idPrefix + (i++).ToString(CultureInfo.InvariantCulture));
            state = Engine.Decide(state, new ConsentUpdated(id, who, Start + Duration.FromMinutes(s.Minute), "web", s.Email, s.Push), Start + Duration.FromHours(1)).State;
        }
        return state;
    }

    static void AssertStands(IReadOnlyCollection<Said> statements, CustomerProfile profile)
    {
        Assert.Equal(Newest(statements, s => s.Email), profile.EmailConsent);
        Assert.Equal(Newest(statements, s => s.Push), profile.PushConsent);
    }

    [Fact]
    public void The_consent_that_stands_is_the_newest_statement_whatever_the_arrival_order()
    {
        var cases = from statements in Statement.Array[1, 12]
                    from arrival in Gen.Shuffle(statements)
                    select (statements, arrival);
        cases.Sample(c =>
        {
            var (statements, arrival) = c;
            var known = CustomerRef.Known(Tp.Customer);
            AssertStands(statements, Apply(CustomerState.New(known), arrival, known, "e-").Profile);
        }, print: c => string.Join(" then ", c.arrival));
    }

    [Fact]
    public void After_a_merge_the_consent_that_stands_is_the_newest_statement_of_either_side()
    {
        Gen.Select(Statement.Array[0, 6], Statement.Array[0, 6]).Sample(c =>
        {
            var (ours, theirs) = c;
            var known = Apply(CustomerState.New(CustomerRef.Known(Tp.Customer)), ours, CustomerRef.Known(Tp.Customer), "k-");
            var anonymous = Apply(CustomerState.New(CustomerRef.Anonymous("a-9")), theirs, CustomerRef.Anonymous("a-9"), "a-");
            var identify = new CustomerIdentified(new TouchpointId("identify"), new CustomerRef(Tp.Customer, "a-9"), Start + Duration.FromHours(1), "web", null, null, null, null, null);
            var merged = Engine.Merge(known, anonymous, identify, Start + Duration.FromHours(1)).Known;
            AssertStands([.. ours, .. theirs], merged.Profile);
        }, print: c => $"known: {string.Join(", ", c.Item1)}; anonymous: {string.Join(", ", c.Item2)}");
    }
}
