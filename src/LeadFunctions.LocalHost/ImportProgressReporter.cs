using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Ports;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>
/// While an import runs here, one line every few seconds with its counts (never a row's content), and a last line
/// when it completes, so whoever started a long import sees it move.
/// </summary>
internal sealed partial class ImportProgressReporter : BackgroundService
{
    private readonly ImportActivity _activity;
    private readonly IImportStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ImportProgressReporter> _logger;
    private readonly LocalHostOptions _options;

    public ImportProgressReporter(ImportActivity activity, IImportStore store, IOptions<LocalHostOptions> local, TimeProvider time, ILogger<ImportProgressReporter> logger)
    {
        _activity = activity;
        _store = store;
        _options = local.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (_options.RunImportWorker && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ImportProgressInterval, _time, stoppingToken);
                foreach (var importId in _activity.Running)
                {
                    if (await _store.GetProgressAsync(importId, stoppingToken) is not { } progress)
                    {
                        _activity.Finished(importId);
                        continue;
                    }

                    LogProgress(importId, progress.State.ToString().ToLowerInvariant(), progress.Done, progress.Total, progress.Created, progress.Updated, progress.Unchanged, progress.Errors.Count);
                    if (progress.State == ImportState.Completed)
                    {
                        _activity.Finished(importId);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnavailableException)
            {
                // The worker reports the outage; progress resumes with storage.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} {State}: {Done}/{Total} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Errors} row errors")]
    private partial void LogProgress(string importId, string state, int done, int total, int created, int updated, int unchanged, int errors);
}
