namespace LeadFunctions.Engine.LeadImports;

/// <summary>The queue message that asks for one stored chunk to be applied; the rows stay in storage.</summary>
public sealed record ChunkMessage(string ImportId, int Index);
