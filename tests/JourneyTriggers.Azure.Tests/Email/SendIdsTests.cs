using CsCheck;
using JourneyTriggers.Azure.Email;

namespace JourneyTriggers.Azure.Tests.Email;

public sealed class SendIdsTests
{
    [Fact]
    public void Ids_are_stable_name_based_version_8_and_distinct_per_purpose() =>
        Gen.String[1, 80].Sample(messageId =>
        {
            var repeatability = SendIds.Repeatability(messageId);
            var operation = SendIds.Operation(messageId);
            Assert.Equal(repeatability, SendIds.Repeatability(messageId));
            Assert.Equal(operation, SendIds.Operation(messageId));
            Assert.NotEqual(repeatability, operation);
            Assert.Equal(8, repeatability.Version);
            Assert.Equal('8', repeatability.ToString("D")[14]);
            Assert.Contains(repeatability.ToString("D")[19], "89ab");
        });

    [Fact]
    public void Different_messages_get_different_ids() =>
        Gen.Select(Gen.String[1, 40], Gen.String[1, 40]).Where((a, b) => a != b).Sample((a, b) =>
            Assert.NotEqual(SendIds.Repeatability(a), SendIds.Repeatability(b)));

    [Fact]
    public void The_ids_do_not_change_between_releases()
    {
        // Pinned (and checked against an independent RFC 9562 v8 computation): a pending send recorded
        // by one version is repeated by the next under the same id.
        Assert.Equal("81844abc-2ffe-8d81-b9dc-d4eb8c969c3c", SendIds.Repeatability("m-1").ToString("D"));
        Assert.Equal("a24bffa9-3338-89ac-a9a3-49f28cdc469c", SendIds.Operation("m-1").ToString("D"));
    }
}
