using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Calendar;

/// <summary>
/// Business days in the company's own time zone: weekends and holidays do not count towards an SLA
/// ("no contact should be in New for more than three business days", seed 000).
/// </summary>
public sealed class BusinessCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DayOfWeek> _weekend;
    private readonly HashSet<DateOnly> _holidays;
    private readonly RecurringHoliday[] _recurring;

    public BusinessCalendar(BusinessCalendarSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        _weekend = [.. settings.Weekend];
        _holidays = [.. settings.Holidays];
        _recurring = [.. settings.RecurringHolidays];
    }

    public bool IsBusinessDay(DateOnly day)
        => !_weekend.Contains(day.DayOfWeek) && !_holidays.Contains(day) && !_recurring.Any(holiday => holiday.OccursOn(day));

    /// <summary>
    /// The instant <paramref name="businessDays"/> business days after <paramref name="start"/>. Work that arrives
    /// on a day off starts its clock at the beginning of the next business day.
    /// </summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset start, int businessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(businessDays);
        var local = TimeZoneInfo.ConvertTime(start, _zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        var timeOfDay = local.TimeOfDay;
        if (!IsBusinessDay(day))
        {
            day = NextBusinessDay(day);
            timeOfDay = TimeSpan.Zero;
        }

        for (var added = 0; added < businessDays; added++)
        {
            day = NextBusinessDay(day);
        }

        var dueLocal = day.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay), DateTimeKind.Unspecified);
        return new DateTimeOffset(dueLocal, _zone.GetUtcOffset(dueLocal)).ToUniversalTime();
    }

    /// <summary>The same instant on the company's clock, so a person reads "work it by Wed 14:00" in business hours.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    private DateOnly NextBusinessDay(DateOnly day)
    {
        // A year of consecutive days off would be a misconfigured calendar; the playbook validator rejects it.
        for (var i = 0; i < 366; i++)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                return day;
            }
        }

        throw new InvalidOperationException("The business calendar has no business day within a year.");
    }
}
