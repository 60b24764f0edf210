using System.Text.Json.Nodes;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>A parsed ARM template expression: what the compiled Bicep writes between '[' and ']'.</summary>
internal abstract record ArmNode
{
    internal sealed record Literal(JsonNode? Value) : ArmNode;

    internal sealed record Call(string Name, IReadOnlyList<ArmNode> Arguments) : ArmNode;

    internal sealed record Member(ArmNode Target, string Name) : ArmNode;

    internal sealed record Index(ArmNode Target, ArmNode Key) : ArmNode;
}
