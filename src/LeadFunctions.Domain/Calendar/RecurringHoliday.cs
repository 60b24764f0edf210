namespace LeadFunctions.Domain.Calendar;

/// <summary>
/// A holiday that comes back every year, so the calendar never runs out: a fixed date (<see cref="Day"/>: 25 December)
/// or the nth weekday of a month (<see cref="Weekday"/> and <see cref="Nth"/>: the 4th Thursday of November; -1 is the
/// last, as in the last Monday of May).
/// </summary>
public sealed record RecurringHoliday
{
    public string? Name { get; init; }

    public int Month { get; init; }

    public int? Day { get; init; }

    public DayOfWeek? Weekday { get; init; }

    public int? Nth { get; init; }

    public bool OccursOn(DateOnly date)
    {
        if (date.Month != Month)
        {
            return false;
        }

        if (Day is { } day)
        {
            return date.Day == day;
        }

        if (Weekday is not { } weekday || Nth is not { } nth || date.DayOfWeek != weekday)
        {
            return false;
        }

        return nth > 0
            ? (date.Day - 1) / 7 == nth - 1
            : date.Day > DateTime.DaysInMonth(date.Year, date.Month) - 7;
    }
}
