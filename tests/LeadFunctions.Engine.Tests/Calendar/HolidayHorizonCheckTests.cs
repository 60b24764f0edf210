using System.Collections.Immutable;
using LeadFunctions.Domain.Calendar;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Engine.Calendar;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.Engine.Tests.Calendar;

public sealed class HolidayHorizonCheckTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2027, 11, 15, 9, 0, 0, TimeSpan.Zero));

    private static (HolidayHorizonCheck Check, List<string> Warnings) Check(BusinessCalendarSettings calendar)
    {
        var warnings = new List<string>();
        var playbook = PlaybookJson.Default() with { BusinessCalendar = calendar };
        return (new HolidayHorizonCheck(playbook, Clock, new ListLogger(warnings)), warnings);
    }

    [Fact]
    public async Task One_off_holidays_ending_within_sixty_days_are_warned_about_at_start()
    {
        var (check, warnings) = Check(new BusinessCalendarSettings { Holidays = [new DateOnly(2027, 12, 24), new DateOnly(2027, 12, 31)] });

        await check.StartAsync(CancellationToken.None);

        Assert.Equal(new DateOnly(2027, 12, 31), check.RunsOutOn());
        Assert.Contains(warnings, w => w.Contains("the last is 2027-12-31", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_holidays_at_all_is_warned_about()
    {
        var (check, warnings) = Check(new BusinessCalendarSettings());

        await check.StartAsync(CancellationToken.None);

        Assert.Contains(warnings, w => w.Contains("none are defined", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Holidays_defined_far_enough_ahead_or_recurring_are_fine()
    {
        var (farAhead, farWarnings) = Check(new BusinessCalendarSettings { Holidays = [new DateOnly(2028, 3, 1)] });
        var (recurring, recurringWarnings) = Check(new BusinessCalendarSettings { RecurringHolidays = [new RecurringHoliday { Month = 12, Day = 25 }] });

        await farAhead.StartAsync(CancellationToken.None);
        await recurring.StartAsync(CancellationToken.None);

        Assert.Null(farAhead.RunsOutOn());
        Assert.Null(recurring.RunsOutOn());
        Assert.Empty(farWarnings);
        Assert.Empty(recurringWarnings);
    }

    private sealed class ListLogger(List<string> lines) : ILogger<HolidayHorizonCheck>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lines.Add(formatter(state, exception));
            }
        }
    }
}
