using System.Text.Json.Nodes;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>The evaluator the deploy contract rests on: it must get the template's constructs right and refuse the rest.</summary>
public sealed class ArmEvaluatorTests
{
    private static readonly ArmEvaluator Evaluator = new(
        new Dictionary<string, JsonNode?> { ["origins"] = new JsonArray("https://a.example", "https://b.example"), ["name"] = "o'brien" },
        new JsonObject { ["suffix"] = "[environment().suffixes.storage]" },
        name => throw new InvalidOperationException(name));

    [Theory]
    [InlineData("[format('https://{0}.table.{1}', 'st1', variables('suffix'))]", "https://st1.table.core.windows.net")]
    [InlineData("[concat('it''s ', parameters('name'))]", "it's o'brien")]
    [InlineData("[if(empty(parameters('origins')), 'none', parameters('origins')[1])]", "https://b.example")]
    [InlineData("[createObject('a', createArray(1, 2)).a[0]]", "1")]
    [InlineData("[[not an expression]", "[not an expression]")]
    public void Evaluates_the_constructs_the_compiled_template_uses(string expression, string expected)
        => Assert.Equal(expected, ArmEvaluator.Text(Evaluator.Evaluate(JsonValue.Create(expression))));

    [Fact]
    public void Maps_with_a_lambda_and_its_index()
    {
        var result = Evaluator.Evaluate(JsonValue.Create("[map(parameters('origins'), lambda('o', 'i', createObject('name', format('Intake__AllowedOrigins__{0}', lambdaVariables('i')), 'value', lambdaVariables('o'))))]"));

        Assert.Equal("""[{"name":"Intake__AllowedOrigins__0","value":"https://a.example"},{"name":"Intake__AllowedOrigins__1","value":"https://b.example"}]""", result!.ToJsonString());
    }

    [Fact]
    public void An_unknown_function_fails_loudly()
    {
        var error = Assert.Throws<NotSupportedException>(() => Evaluator.Evaluate(JsonValue.Create("[base64('x')]")));

        Assert.Contains("base64", error.Message, StringComparison.Ordinal);
    }
}
