using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Tests.Privacy;

public sealed class CustomerPseudonymsTests
{
    static readonly string Secret = UnsubscribeTokens.GenerateKey();

    [Fact]
    public void A_customer_has_one_pseudonym_per_deployment_that_shows_nothing_of_the_id()
    {
        var pseudonyms = CustomerPseudonyms.DerivedFrom(Secret);
        var customer = ProfileKey.ForCustomer("ann.lee@example.test");

        var pseudonym = pseudonyms.Of(customer);

        Assert.Matches("^cust-[0-9a-f]{12}$", pseudonym);
        Assert.Equal(pseudonym, CustomerPseudonyms.DerivedFrom(Secret).Of(customer));
        Assert.DoesNotContain("ann", pseudonym);
    }

    [Fact]
    public void Known_and_anonymous_profiles_and_other_deployments_get_other_pseudonyms()
    {
        var pseudonyms = CustomerPseudonyms.DerivedFrom(Secret);

        var names = new[]
        {
            pseudonyms.Of(ProfileKey.ForCustomer("c-1")),
            pseudonyms.Of(ProfileKey.ForAnonymous("c-1")),
            pseudonyms.Of(ProfileKey.ForCustomer("c-10")),
            CustomerPseudonyms.DerivedFrom(UnsubscribeTokens.GenerateKey()).Of(ProfileKey.ForCustomer("c-1")),
        };

        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public void The_key_is_derived_from_the_secret_not_the_secret_itself()
    {
        // One secret, two uses: the unsubscribe tokens are HMACs under the secret itself, so the pseudonyms must not be.
        var customer = ProfileKey.ForCustomer("c-1");
        var withRawSecret = "cust-" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Convert.FromBase64String(Secret), Encoding.UTF8.GetBytes(customer.Value)).AsSpan(0, 6));

        Assert.NotEqual(withRawSecret, CustomerPseudonyms.DerivedFrom(Secret).Of(customer));
    }

    [Fact]
    public void A_contention_failure_names_no_customer_since_its_message_is_logged_with_it()
    {
        var failure = new CustomerContentionException(ProfileKey.ForCustomer("ann.lee@example.test"), 5);

        Assert.DoesNotContain("ann.lee", failure.Message);
        Assert.Equal("ann.lee@example.test", failure.Key.Value);
    }
}
