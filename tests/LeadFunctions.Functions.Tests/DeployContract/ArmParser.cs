using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>Recursive descent over the ARM expression grammar the compiled Bicep uses: literals, calls, '.name' and '[index]'.</summary>
internal sealed class ArmParser
{
    private readonly string _text;
    private int _position;

    private ArmParser(string text) => _text = text;

    public static ArmNode Parse(string expression)
    {
        var parser = new ArmParser(expression);
        var node = parser.Expression();
        parser.SkipSpace();
        return parser._position == expression.Length ? node : throw parser.Error("unexpected text");
    }

    private ArmNode Expression()
    {
        SkipSpace();
        var node = Primary();
        while (true)
        {
            if (TryTake('.'))
            {
                node = new ArmNode.Member(node, Identifier());
            }
            else if (TryTake('['))
            {
                var key = Expression();
                Expect(']');
                node = new ArmNode.Index(node, key);
            }
            else
            {
                return node;
            }
        }
    }

    private ArmNode Primary()
    {
        var c = Peek();
        if (c == '\'')
        {
            return new ArmNode.Literal(JsonValue.Create(StringLiteral()));
        }

        if (char.IsDigit(c) || c == '-')
        {
            var start = _position++;
            while (_position < _text.Length && char.IsDigit(_text[_position]))
            {
                _position++;
            }

            return new ArmNode.Literal(JsonValue.Create(long.Parse(_text[start.._position], CultureInfo.InvariantCulture)));
        }

        var name = Identifier();
        Expect('(');
        var arguments = new List<ArmNode>();
        SkipSpace();
        if (!TryTake(')'))
        {
            do
            {
                arguments.Add(Expression());
                SkipSpace();
            }
            while (TryTake(','));
            Expect(')');
        }

        return new ArmNode.Call(name, arguments);
    }

    private string StringLiteral()
    {
        Expect('\'');
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c != '\'')
            {
                value.Append(c);
            }
            else if (_position < _text.Length && _text[_position] == '\'')
            {
                value.Append('\'');
                _position++;
            }
            else
            {
                return value.ToString();
            }
        }
    }

    private string Identifier()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        return _position > start ? _text[start.._position] : throw Error("identifier expected");
    }

    private char Peek()
    {
        SkipSpace();
        return _position < _text.Length ? _text[_position] : throw Error("unexpected end");
    }

    private bool TryTake(char c)
    {
        SkipSpace();
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"'{c}' expected");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string what) => new($"ARM expression: {what} at {_position} in: {_text}");
}
