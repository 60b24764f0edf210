using LeadFunctions.Domain.Intake;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>An upload read into rows, or why the file as a whole is refused (a field name it cannot have, too many rows).</summary>
public sealed record ImportParse(IReadOnlyList<ImportRow> Rows, FieldError? FileError = null, bool TooManyRows = false);
