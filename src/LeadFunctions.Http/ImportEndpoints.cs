using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace LeadFunctions.Http;

/// <summary>
/// POST /api/imports?source=... (keyed): an NDJSON or CSV list of people, answered 202 {importId} once its rows and
/// queue messages are stored; the rows are applied in the background. GET /api/imports/{importId} (keyed): progress.
/// Limits: <see cref="ImportLimits.MaxRows"/> rows and <see cref="ImportLimits.MaxBytes"/> bytes per import.
/// </summary>
public sealed class ImportEndpoints
{
    public const string Ndjson = "application/x-ndjson";
    public const string Csv = "text/csv";

    private readonly ImportSubmitter _submitter;
    private readonly IImportStore _store;

    public ImportEndpoints(ImportSubmitter submitter, IImportStore store)
    {
        _submitter = submitter;
        _store = store;
    }

    public Task<Results<JsonHttpResult<ImportAccepted>, ProblemAnswer>> StartAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => StartCoreAsync(request), p => p, request.HttpContext.RequestAborted);
    }

    public Task<Results<JsonHttpResult<ImportStatus>, ProblemAnswer>> GetAsync(string importId, CancellationToken cancellationToken)
        => StoreOutage.AnswerAsync(() => GetCoreAsync(importId, cancellationToken), p => p, cancellationToken);

    private async Task<Results<JsonHttpResult<ImportAccepted>, ProblemAnswer>> StartCoreAsync(HttpRequest request)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var sourceValues = request.Query["source"];
        if (sourceValues.Count != 1 || !ImportSources.TryParse(sourceValues[0], out var source))
        {
            return Problems.BadRequest(RejectionReasons.NoSuchImportSource, $"source must be one of: {string.Join(", ", ImportSources.Names)}.");
        }

        if (FormatOf(request) is not { } format)
        {
            return Problems.UnsupportedMediaType($"Send {Ndjson} (one JSON object per line) or {Csv} (a header row of field names).");
        }

        var body = await BodyReader.ReadAsync(request, ImportLimits.MaxBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var parse = ImportParser.Parse(body.Body!, format);
        if (parse.TooManyRows)
        {
            return Problems.Rejected(
                StatusCodes.Status413PayloadTooLarge,
                RejectionReasons.TooManyRows,
                Results.Problem($"An import holds at most {ImportLimits.MaxRows} rows; split the list.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large"));
        }

        if (parse.FileError is { } fileError)
        {
            return Problems.Invalid([fileError]);
        }

        if (parse.Rows.Count == 0)
        {
            return Problems.BadRequest(RejectionReasons.NoRows, "The body holds no rows.");
        }

        var importId = await _submitter.StartAsync(source, parse.Rows, cancellationToken);
        return TypedResults.Json(new ImportAccepted(importId, parse.Rows.Count), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private async Task<Results<JsonHttpResult<ImportStatus>, ProblemAnswer>> GetCoreAsync(string importId, CancellationToken cancellationToken)
    {
        if (!ImportIds.IsWellFormed(importId) || await _store.GetProgressAsync(importId, cancellationToken) is not { } progress)
        {
            return Problems.NotFound(RejectionReasons.NoSuchImport, "There is no such import.");
        }

        return TypedResults.Json(
            new ImportStatus(
                progress.ImportId,
                progress.Source.Name(),
                progress.State.ToString().ToLowerInvariant(),
                progress.Total,
                progress.Done,
                progress.Created,
                progress.Updated,
                progress.Unchanged,
                progress.Errors),
            ApiJson.Options);
    }

    private static ImportFormat? FormatOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return null;
        }

        return type.MediaType.Equals(Ndjson, StringComparison.OrdinalIgnoreCase) ? ImportFormat.Ndjson
            : type.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase) ? ImportFormat.Csv
            : null;
    }
}
