using System.Globalization;
using LeadFunctions.Domain.Playbooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.Calendar;

/// <summary>
/// Warns at start when the playbook's holidays are about to run out: past the last one-off holiday every day counts as
/// a business day, and SLA clocks would quietly run through the holidays nobody entered.
/// </summary>
public sealed partial class HolidayHorizonCheck : IHostedService
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(60);

    private readonly Playbook _playbook;
    private readonly TimeProvider _time;
    private readonly ILogger<HolidayHorizonCheck> _logger;

    public HolidayHorizonCheck(Playbook playbook, TimeProvider time, ILogger<HolidayHorizonCheck> logger)
    {
        _playbook = playbook;
        _time = time;
        _logger = logger;
    }

    /// <summary>The last day holidays are defined for, when that is within the horizon; null when the calendar is fine.</summary>
    public DateOnly? RunsOutOn()
    {
        var until = _playbook.BusinessCalendar.HolidaysDefinedUntil;
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        return until is { } last && last < today.AddDays((int)Horizon.TotalDays) ? last : null;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (RunsOutOn() is { } last)
        {
            LogRunningOut(last == DateOnly.MinValue ? "none are defined" : "the last is " + last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (int)Horizon.TotalDays);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The playbook's holidays run out within {Days} days ({Detail}): add the coming holidays, or recurring rules (businessCalendar.recurringHolidays), so SLA clocks keep skipping them")]
    private partial void LogRunningOut(string detail, int days);
}
