using LeadFunctions.Domain.Calendar;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Tests.Support;

namespace LeadFunctions.Domain.Tests;

/// <summary>Business days in the company's time zone (seed 000: "New" is emptied within three business days).</summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar UtcCalendar = new(TestData.Default.BusinessCalendar);

    private static readonly BusinessCalendar NewYork = new(new BusinessCalendarSettings { TimeZone = "America/New_York" });

    [Fact]
    public void Three_business_days_from_Friday_morning_is_Wednesday_same_time()
    {
        var due = UtcCalendar.AddBusinessDays(Utc(2026, 3, 6, 10), 3);

        Assert.Equal(Utc(2026, 3, 11, 10), due);
        Assert.Equal(DayOfWeek.Wednesday, due.DayOfWeek);
    }

    [Fact]
    public void Work_arriving_on_Saturday_starts_its_clock_at_Monday_midnight()
    {
        Assert.Equal(Utc(2026, 3, 9, 0), UtcCalendar.AddBusinessDays(Utc(2026, 3, 7, 15), 0));
    }

    [Fact]
    public void Three_business_days_from_Saturday_run_Monday_Tuesday_Wednesday()
    {
        // The clock starts Monday 00:00; three whole business days (Mon, Tue, Wed) end at Thursday 00:00,
        // which is 72 business hours, exactly like Friday 10:00 -> Wednesday 10:00.
        var due = UtcCalendar.AddBusinessDays(Utc(2026, 3, 7, 15), 3);

        Assert.Equal(Utc(2026, 3, 12, 0), due);
    }

    [Fact]
    public void Later_arrival_never_gets_an_earlier_deadline_across_a_weekend()
    {
        var fridayLate = UtcCalendar.AddBusinessDays(Utc(2026, 3, 6, 23), 3);
        var saturday = UtcCalendar.AddBusinessDays(Utc(2026, 3, 7, 12), 3);
        var sunday = UtcCalendar.AddBusinessDays(Utc(2026, 3, 8, 12), 3);
        var mondayEarly = UtcCalendar.AddBusinessDays(Utc(2026, 3, 9, 1), 3);

        Assert.True(fridayLate <= saturday, $"{fridayLate} > {saturday}");
        Assert.Equal(saturday, sunday);
        Assert.True(sunday <= mondayEarly, $"{sunday} > {mondayEarly}");
    }

    [Fact]
    public void Zero_business_days_on_a_business_day_is_the_same_instant()
    {
        Assert.Equal(Utc(2026, 3, 4, 13), UtcCalendar.AddBusinessDays(Utc(2026, 3, 4, 13), 0));
    }

    [Fact]
    public void One_business_day_from_Monday_is_Tuesday()
    {
        Assert.Equal(Utc(2026, 3, 3, 9), UtcCalendar.AddBusinessDays(Utc(2026, 3, 2, 9), 1));
    }

    [Fact]
    public void Holidays_are_skipped()
    {
        // 2026-12-25 (Friday) is a holiday in the default playbook.
        var due = UtcCalendar.AddBusinessDays(Utc(2026, 12, 23, 10), 3);

        Assert.Equal(Utc(2026, 12, 29, 10), due); // Thu 24, Mon 28, Tue 29
    }

    [Fact]
    public void Work_arriving_on_a_holiday_starts_on_the_next_business_day()
    {
        Assert.Equal(Utc(2026, 12, 29, 0), UtcCalendar.AddBusinessDays(Utc(2026, 12, 25, 14), 1));
    }

    [Fact]
    public void Holiday_and_weekend_together_are_skipped_over_new_year()
    {
        // Thu 2026-12-31 10:00 + 1: Fri 2027-01-01 is a holiday, then the weekend.
        Assert.Equal(Utc(2027, 1, 4, 10), UtcCalendar.AddBusinessDays(Utc(2026, 12, 31, 10), 1));
    }

    [Fact]
    public void Is_business_day_follows_weekend_and_holidays()
    {
        Assert.True(UtcCalendar.IsBusinessDay(new DateOnly(2026, 3, 2)));
        Assert.False(UtcCalendar.IsBusinessDay(new DateOnly(2026, 3, 7)));
        Assert.False(UtcCalendar.IsBusinessDay(new DateOnly(2026, 3, 8)));
        Assert.False(UtcCalendar.IsBusinessDay(new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void Custom_weekend_is_honoured()
    {
        var calendar = new BusinessCalendar(new BusinessCalendarSettings { Weekend = [DayOfWeek.Friday, DayOfWeek.Saturday] });

        // Thursday 10:00 + 1 -> Sunday 10:00.
        Assert.Equal(Utc(2026, 3, 8, 10), calendar.AddBusinessDays(Utc(2026, 3, 5, 10), 1));
    }

    [Fact]
    public void New_York_keeps_local_wall_clock_across_spring_forward()
    {
        // Fri 2026-03-06 10:00 EST (UTC-5); DST starts Sun 2026-03-08; due Wed 2026-03-11 10:00 EDT (UTC-4).
        var start = new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.FromHours(-5));

        var due = NewYork.AddBusinessDays(start, 3);

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.FromHours(-4)), due);
        Assert.Equal(Utc(2026, 3, 11, 14), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void New_York_keeps_local_wall_clock_across_fall_back()
    {
        // Fri 2026-10-30 10:00 EDT; DST ends Sun 2026-11-01; due Mon 2026-11-02 10:00 EST (15:00 UTC).
        var due = NewYork.AddBusinessDays(Utc(2026, 10, 30, 14), 1);

        Assert.Equal(Utc(2026, 11, 2, 15), due);
    }

    [Fact]
    public void New_York_decides_the_day_in_local_time()
    {
        // Sat 2026-03-07 03:00 UTC is still Friday 22:00 in New York: a business day, not a weekend arrival.
        var due = NewYork.AddBusinessDays(Utc(2026, 3, 7, 3), 1);

        // Mon 2026-03-09 22:00 EDT = Tue 02:00 UTC.
        Assert.Equal(Utc(2026, 3, 10, 2), due);
    }

    [Fact]
    public void New_York_weekend_arrival_starts_at_local_midnight()
    {
        // Sun 2026-03-08 12:00 UTC is Sunday in New York; the clock starts Mon 00:00 EDT = 04:00 UTC.
        Assert.Equal(Utc(2026, 3, 9, 4), NewYork.AddBusinessDays(Utc(2026, 3, 8, 12), 0));
    }

    [Fact]
    public void Negative_business_days_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UtcCalendar.AddBusinessDays(Utc(2026, 3, 2, 9), -1));
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_instant_reads_on_the_company_clock_with_its_offset()
    {
        var due = new DateTimeOffset(2026, 12, 9, 19, 0, 0, TimeSpan.Zero);

        var local = NewYork.ToLocal(due);

        Assert.Equal(due, local);
        Assert.Equal(TimeSpan.FromHours(-5), local.Offset);
        Assert.Equal(14, local.Hour);
    }
}
