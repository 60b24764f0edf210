using System.Text.Json.Nodes;
using LeadFunctions.Domain.Calendar;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Tests;

/// <summary>Holidays that come back every year, so SLA clocks keep skipping them after the one-off dates run out.</summary>
public sealed class RecurringHolidayTests
{
    private static readonly RecurringHoliday Christmas = new() { Name = "Christmas Day", Month = 12, Day = 25 };
    private static readonly RecurringHoliday Thanksgiving = new() { Name = "Thanksgiving", Month = 11, Weekday = DayOfWeek.Thursday, Nth = 4 };
    private static readonly RecurringHoliday MemorialDay = new() { Name = "Memorial Day", Month = 5, Weekday = DayOfWeek.Monday, Nth = -1 };

    [Theory]
    [InlineData(2026, 12, 25, true)]
    [InlineData(2031, 12, 25, true)]
    [InlineData(2031, 12, 26, false)]
    public void A_fixed_date_recurs_every_year(int year, int month, int day, bool holiday)
        => Assert.Equal(holiday, Christmas.OccursOn(new DateOnly(year, month, day)));

    [Theory]
    [InlineData(2026, 11, 26, true)]
    [InlineData(2027, 11, 25, true)]
    [InlineData(2027, 11, 18, false)]
    [InlineData(2030, 11, 28, true)]
    public void The_fourth_thursday_of_november(int year, int month, int day, bool holiday)
        => Assert.Equal(holiday, Thanksgiving.OccursOn(new DateOnly(year, month, day)));

    [Theory]
    [InlineData(2026, 5, 25, true)]
    [InlineData(2027, 5, 31, true)]
    [InlineData(2027, 5, 24, false)]
    public void The_last_monday_of_may(int year, int month, int day, bool holiday)
        => Assert.Equal(holiday, MemorialDay.OccursOn(new DateOnly(year, month, day)));

    [Fact]
    public void The_calendar_skips_recurring_holidays_years_after_the_one_off_list_ends()
    {
        var calendar = new BusinessCalendar(new BusinessCalendarSettings { RecurringHolidays = [Christmas, Thanksgiving] });

        // Wed 2031-11-26 10:00 + 1 business day: Thu 27th is Thanksgiving, so Friday the 28th.
        var due = calendar.AddBusinessDays(new DateTimeOffset(2031, 11, 26, 10, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(new DateTimeOffset(2031, 11, 28, 10, 0, 0, TimeSpan.Zero), due);
        Assert.False(calendar.IsBusinessDay(new DateOnly(2040, 12, 25)));
    }

    [Fact]
    public void The_shipped_playbook_recurs_new_year_and_christmas()
    {
        var calendar = new BusinessCalendar(PlaybookJson.Default().BusinessCalendar);

        Assert.False(calendar.IsBusinessDay(new DateOnly(2029, 1, 1)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2029, 12, 25)));
        Assert.Null(PlaybookJson.Default().BusinessCalendar.HolidaysDefinedUntil);
    }

    [Theory]
    [InlineData("""{ "month": 13, "day": 1 }""", "$.businessCalendar.recurringHolidays[0].month: must be from 1 to 12.")]
    [InlineData("""{ "month": 2, "day": 30 }""", "$.businessCalendar.recurringHolidays[0].day: month 2 has no day 30.")]
    [InlineData("""{ "month": 11, "weekday": "Thursday", "nth": 6 }""", "$.businessCalendar.recurringHolidays[0].nth: 1 to 5 for the first to fifth such weekday, or -1 for the last.")]
    [InlineData("""{ "month": 11 }""", "$.businessCalendar.recurringHolidays[0]: give either a day of the month, or a weekday with nth.")]
    public void Bad_rules_are_refused_by_path(string rule, string error)
    {
        using var stream = typeof(PlaybookJson).Assembly.GetManifestResourceStream("LeadFunctions.default-playbook.json")!;
        var json = JsonNode.Parse(stream, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        json["businessCalendar"]!["recurringHolidays"] = new JsonArray(JsonNode.Parse(rule));

        var ex = Assert.Throws<PlaybookException>(() => PlaybookJson.Parse(json.ToJsonString()));

        Assert.Contains(error, ex.Errors);
    }
}
