using System.Text;
using JourneyTriggers.Core.Configuration.Loading;
using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

public class KeysAndSyntaxTests
{
    [Theory]
    [InlineData(""" "quiethours": null """, "defaults.quiethours: unknown key; did you mean \"quietHours\"?")]
    [InlineData(""" "holdoutPrecent": 10 """, "defaults.holdoutPrecent: unknown key; did you mean \"holdoutPercent\"?")]
    [InlineData(""" "timezone": "UTC" """, "defaults.timezone: unknown key; did you mean \"timeZone\"?")]
    [InlineData(""" "cap": 3 """, "defaults.cap: unknown key; expected one of \"timeZone\", \"locale\", \"quietHours\", \"frequencyCap\", \"holdoutPercent\", \"attributionWindow\", \"emailConsent\", \"currency\", \"abandonmentAlertPercent\"")]
    [InlineData(""" "frequencyCap": { "perday": 2 } """, "defaults.frequencyCap.perday: unknown key; did you mean \"perDay\"?")]
    [InlineData(""" "quietHours": { "start": "21:00", "end": "08:00", "zone": "UTC" } """, "defaults.quietHours.zone: unknown key; expected one of \"start\", \"end\"")]
    public void An_unknown_key_is_an_error_with_the_closest_known_key(string members, string expected) =>
        Assert.Equal(expected, Error(WithDefaults(members)));

    [Fact]
    public void Unknown_keys_are_errors_at_every_level()
    {
        Assert.Equal(
            ["trigger: unknown key; did you mean \"triggers\"?", "triggers: required"],
            Errors("""{ "trigger": [] }"""));
        Assert.Equal(
            "triggers[0].steps[1].tempalte: unknown key; did you mean \"template\"?",
            Error(WithStep("""{ "after": "P1D", "channels": ["email"], "template": "t", "tempalte": "u" }""")));
        Assert.Equal(
            "triggers[0].steps[1].delay: unknown key; expected one of \"after\", \"branches\", \"channels\", \"template\", \"variants\"",
            Error(WithStep("""{ "after": "P1D", "channels": ["email"], "template": "t", "delay": "P1D" }""")));
    }

    [Theory]
    [InlineData("""{ "defaults": { "quiet hours": null }, "triggers": [] }""", "defaults[\"quiet hours\"]: unknown key; did you mean \"quietHours\"?")]
    [InlineData("""{ "": 1, "triggers": [] }""", "$[\"\"]: unknown key; expected one of \"defaults\", \"triggers\"")]
    public void A_key_that_is_not_a_plain_word_is_quoted_in_the_path(string json, string expected) =>
        Assert.Equal(expected, Errors(json)[0]);

    [Fact]
    public void A_repeated_key_is_an_error_rather_than_a_silent_override() =>
        Assert.Equal(
            "defaults.holdoutPercent: appears more than once",
            Error(WithDefaults(""" "holdoutPercent": 10, "holdoutPercent": 0 """)));

    [Theory]
    [InlineData("""{ "defaults": [], "triggers": [] }""", "defaults: expected an object, got an array", "triggers: must list at least one trigger")]
    [InlineData("[]", "$: expected an object, got an array")]
    [InlineData("null", "$: expected an object, got null")]
    [InlineData("42", "$: expected an object, got 42")]
    public void A_value_of_the_wrong_type_names_what_was_expected_and_what_was_found(string json, params string[] expected) =>
        Assert.Equal(expected, Errors(json));

    [Fact]
    public void A_long_value_is_shortened_in_the_message() =>
        Assert.Equal(
            "defaults.holdoutPercent: expected a number, got \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…",
            Error(WithDefaults($"\"holdoutPercent\": \"{new string('a', 500)}\"")));

    [Theory]
    [InlineData("{ \"triggers\": [ }", "$: is not valid JSON (line 1, byte 17): '}' is an invalid start of a value.")]
    [InlineData("{\n  \"triggers\": [],\n}", "$: is not valid JSON (line 3, byte 1): The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.")]
    [InlineData("{ // note\n}", "$: is not valid JSON (line 1, byte 3): '/' is invalid after a value. Expected either ',', '}', or ']'.")]
    [InlineData("", "$: is not valid JSON (line 1, byte 1): The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true.")]
    public void Text_that_is_not_json_is_one_error_with_the_parsers_position(string json, string expected) =>
        Assert.Equal(expected, Error(json));

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        var result = ConfigurationLoader.Load([.. "{\"defaults\":{\"locale\":\""u8, 0xFF, .. "\"}}"u8]);

        Assert.Equal("$: is not UTF-8 text", Assert.Single(Assert.IsType<ConfigurationLoadResult.Invalid>(result).Errors).ToString());
    }

    [Fact]
    public void A_byte_order_mark_is_accepted() =>
        Assert.IsType<ConfigurationLoadResult.Loaded>(
            ConfigurationLoader.Load([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(WithTrigger(""" "holdoutPercent": 1 """))]));

    [Fact]
    public void An_escape_that_is_not_unicode_text_is_an_error_not_an_exception()
    {
        Assert.Equal(
            "triggers[0].steps[1].template: \"\\ud800\" is not valid Unicode text",
            Error(WithStep("""{ "after": "P1D", "channels": ["email"], "template": "\ud800" }""")));
        Assert.Equal(
            "defaults: has a key that is not valid Unicode text",
            Error(WithDefaults(""" "\udc00": 1 """)));
    }
}
