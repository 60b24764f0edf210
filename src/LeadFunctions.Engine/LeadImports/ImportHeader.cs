using LeadFunctions.Domain.LeadImports;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>What an import is: its source, how many rows and chunks it was stored as, and when it was accepted.</summary>
public sealed record ImportHeader(string ImportId, ImportSource Source, int Total, int Chunks, DateTimeOffset AcceptedAt);
