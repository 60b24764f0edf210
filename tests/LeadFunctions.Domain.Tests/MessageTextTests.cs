using LeadFunctions.Domain.Intake;

namespace LeadFunctions.Domain.Tests;

public sealed class MessageTextTests
{
    [Fact]
    public void Control_characters_are_dropped_but_line_breaks_and_tabs_stay()
    {
        var errors = new List<FieldError>();

        var text = MessageText.Clean("message", "  Hello\r\nteam\u0000\u0007\u001b[31m\tthanks\r  ", errors);

        Assert.Equal("Hello\nteam[31m\tthanks", text);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \r\n\u0000 ")]
    public void Nothing_to_say_is_no_message(string? raw)
    {
        var errors = new List<FieldError>();

        Assert.Null(MessageText.Clean("message", raw, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void The_limit_counts_what_is_kept()
    {
        var errors = new List<FieldError>();

        Assert.Equal(MessageText.MaxLength, MessageText.Clean("message", new string('m', MessageText.MaxLength) + "\u0007\u0007", errors)?.Length);
        Assert.Empty(errors);

        Assert.Null(MessageText.Clean("message", new string('m', MessageText.MaxLength + 1), errors));
        Assert.Equal("message", Assert.Single(errors).Field);
        Assert.DoesNotContain("mmm", Assert.Single(errors).Message, StringComparison.Ordinal);
    }
}
