using JourneyTriggers.Core.Assignment;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.GuardRails;

namespace JourneyTriggers.Core.Tests.Assignment;

public class StableAssignmentTests
{
    // Expected buckets computed independently with Python's hashlib (sha256, first 8 bytes big-endian, mod 10000).
    [Theory]
    [InlineData("holdout:abandoned_cart:c-42", 5131)]
    [InlineData("variant:abandoned_cart:2:c-42", 5325)]
    [InlineData("holdout:abandoned_cart:c-1", 8669)]
    [InlineData("", 1652)]
    [InlineData("ไทย", 4835)]
    public void Bucket_matches_the_reference_definition(string key, int expected) =>
        Assert.Equal(expected, StableBucket.Of(key));

    [Fact]
    public void Long_keys_hash_the_same_way_as_short_ones()
    {
        var key = new string('x', 1000);
        Assert.InRange(StableBucket.Of(key), 0, 9999);
        Assert.Equal(StableBucket.Of(key), StableBucket.Of(new string('x', 1000)));
    }

    [Theory]
    [InlineData("c-16", 10, true)]
    [InlineData("c-17", 10, true)]
    [InlineData("c-42", 10, false)]
    [InlineData("c-42", 51.32, true)]   // bucket 5131 < 5132
    [InlineData("c-42", 51.31, false)]  // bucket 5131 is not < 5131
    [InlineData("c-16", 0, false)]
    public void Holdout_takes_the_bucket_below_percent_times_100(string customer, double percent, bool expected) =>
        Assert.Equal(expected, Holdout.Includes("abandoned_cart", customer, (decimal)percent));

    [Fact]
    public void Variant_is_the_first_whose_running_weight_exceeds_the_bucket()
    {
        VariantDefinition[] variants = [new("A", 50, null, null), new("B", 50, "cart-2b", null)];
        // bucket("variant:abandoned_cart:2:c-42") = 5325: A covers 0–4999, B 5000–9999.
        Assert.Equal("B", VariantAssignment.Choose(variants, "abandoned_cart", 2, "c-42")!.Name);
        VariantDefinition[] skewed = [new("A", 54, null, null), new("B", 46, null, null)];
        Assert.Equal("A", VariantAssignment.Choose(skewed, "abandoned_cart", 2, "c-42")!.Name);
    }

    [Fact]
    public void No_variants_means_no_variant() =>
        Assert.Null(VariantAssignment.Choose([], "t", 1, "c-1"));

    [Fact]
    public void Variant_split_is_close_to_the_weights_over_many_customers()
    {
        VariantDefinition[] variants = [new("A", 20, null, null), new("B", 80, null, null)];
        var a = Enumerable.Range(0, 20_000).Count(i => VariantAssignment.Choose(variants, "t", 1, "c-" + i)!.Name == "A");
        Assert.InRange(a, 3_700, 4_300);
    }
}
