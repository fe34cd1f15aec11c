using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Tests.Properties.Audit;

/// <summary>Channel choice and consent (DESIGN 4.3 "Channel choice", "Consent revoked mid-journey").</summary>
internal sealed partial class JourneyAudit
{
    /// <summary>The channel the model expects for the step the effect names (null: none reachable).</summary>
    void CheckChannel(ProfileModel profile, Effect e, StepPath path, Channel? actual)
    {
        var expected = ChosenChannel(profile, path);
        if (actual != expected)
            Fail(Rule.ChannelChoice, $"{Line(e)}: expected {expected?.ToWire() ?? "no reachable channel"} (email={profile.Email ?? "-"} emailConsent={profile.EmailConsent?.ToString() ?? "-"} pushConsent={profile.PushConsent?.ToString() ?? "-"} devices={profile.Installations.Count})");
    }

    Channel? ChosenChannel(ProfileModel profile, StepPath path)
    {
        var step = TriggerNamed(path.Trigger).Steps[path.Step - 1];
        var branch = step.Branches.First(b => b.Name == path.Branch);
        var channels = branch.Variants.FirstOrDefault(v => v.Name == path.Variant)?.Channels ?? branch.Channels;
        foreach (var channel in channels)
            if (IsReachable(profile, channel)) return channel;
        return null;
    }

    bool IsReachable(ProfileModel profile, Channel channel) => channel switch
    {
        Channel.Push => profile.Installations.Count > 0 && profile.PushConsent?.Granted != false,
        _ => profile.Email is not null && (input.Configuration.Defaults.EmailConsent == EmailConsentMode.Explicit
            ? profile.EmailConsent?.Granted == true
            : profile.EmailConsent?.Granted != false),
    };
}
