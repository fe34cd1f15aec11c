using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Tests.Support;
using JourneyTriggers.Core.Configuration;

namespace JourneyTriggers.Application.Tests.Messages;

public class TemplateOverridesTests
{
    [Fact]
    public void A_file_with_the_same_path_wins_over_the_shipped_one()
    {
        using var overrides = new TempDirectory();
        overrides.Write("th-TH/cart-reminder-1/subject.liquid", "ตะกร้าของคุณ{{ customer.first_name }} รออยู่ค่ะ");
        var composer = Shoppers.Composer("th-TH", overrides.Path);

        var email = composer.Compose(Shoppers.Somying(), Shoppers.Reminder("cart-reminder-1", Channel.Email)).Email!;

        Assert.Equal("ตะกร้าของคุณสมหญิง รออยู่ค่ะ", email.Subject);
        Assert.Contains("คุณลืมของไว้ในตะกร้าค่ะ", email.Html); // the parts not overridden are still the shipped ones
    }

    [Fact]
    public void The_shared_layout_can_be_overridden()
    {
        using var overrides = new TempDirectory();
        overrides.Write("_shared/layout.html.liquid", "<html lang=\"{{ lang }}\"><body>{{ content }}<hr>{{ footer }}</body></html>");
        var email = Shoppers.Composer("th-TH", overrides.Path).Compose(Shoppers.Somying(), Shoppers.Reminder("cart-vip", Channel.Email)).Email!;
        Assert.StartsWith("<html lang=\"th-TH\"><body><h1", email.Html);
        Assert.Contains("ยกเลิกการรับอีเมล", email.Html);
    }

    [Fact]
    public void A_broken_override_fails_validation_naming_file_and_line()
    {
        using var overrides = new TempDirectory();
        var file = overrides.Write("en-US/cart-reminder-2/email.html.liquid", "<h1>Hi</h1>\n<p>\n  {% if cart.lines.size > 0 %}\n    {{ cart.total | money }}\n  {% endif %}\n</p>\n");
        var templates = new ReminderTemplates(overrides.Path);

        var error = Assert.Throws<TemplateValidationException>(() => templates.Validate());

        var problem = Assert.Single(error.Problems);
        Assert.Equal((Path.GetFullPath(file), 4, 5), (problem.File, problem.Line, problem.Column));
        Assert.Contains("unknown filter 'money'", problem.Problem);
        Assert.Contains($"{Path.GetFullPath(file)}(4,5): unknown filter 'money'", error.Message);
    }

    [Fact]
    public void Validation_reports_every_problem_at_once()
    {
        using var overrides = new TempDirectory();
        overrides.Write("en-US/cart-vip/subject.liquid", "{% if customer.first_name %}Hello");
        overrides.Write("en-US/cart-vip/push.liquid", "Title\n{% render '_shared/nope' %}");
        overrides.Write("de-DE/cart-vip/subject.liquid", "Hallo");

        var problems = Assert.Throws<TemplateValidationException>(() => new ReminderTemplates(overrides.Path).Validate(["cart-vip", "cart-2b"])).Problems;

        Assert.Contains(problems, p => p.File.EndsWith("subject.liquid", StringComparison.Ordinal) && p.Line == 1 && p.Problem.Contains("'if' is never closed with 'endif'"));
        Assert.Contains(problems, p => p.File.EndsWith("push.liquid", StringComparison.Ordinal) && p.Problem.Contains("'_shared/nope.liquid', which does not exist"));
        Assert.Contains(problems, p => p.File == "de-DE/cart-vip/email.html.liquid" && p.Problem.StartsWith("missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "de-DE/_layout/footer.html.liquid");
        Assert.Contains(problems, p => p.File == "cart-2b" && p.Problem.Contains("no locale has it"));
    }

    [Fact]
    public void A_missing_overrides_directory_is_a_configuration_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "jt-no-such-dir-" + Guid.NewGuid());
        var problem = Assert.Single(Assert.Throws<TemplateValidationException>(() => new ReminderTemplates(missing)).Problems);
        Assert.Equal($"{missing}: no such directory (Messages:TemplateOverridesDirectory)", problem.ToString());
    }

    [Fact]
    public void Each_file_is_parsed_once()
    {
        var templates = new ReminderTemplates();
        Assert.Same(templates.Get("th-TH/cart-vip/subject.liquid"), templates.Get("th-TH/cart-vip/subject.liquid"));
    }
}
