using LeadFunctions.Domain.Intake;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// One data row of an upload, numbered from 1 (blank lines and the CSV header are not counted): its fields by column
/// name, or why it could not even be read as a row.
/// </summary>
public sealed record ImportRow(int Row, IReadOnlyDictionary<string, string?>? Fields, IReadOnlyList<FieldError>? Errors = null);
