using System.Text;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// RFC 4180 records: fields separated by commas, records by CRLF or LF; a field in double quotes may hold commas, line
/// breaks and doubled quotes (""). Lenient where the RFC is strict but the meaning is clear (a lone LF ends a record).
/// </summary>
internal sealed class CsvReader
{
    private readonly string _text;
    private int _position;

    public CsvReader(string text) => _text = text;

    public CsvRecord? Next()
    {
        if (_position >= _text.Length)
        {
            return null;
        }

        var start = _position;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (_position < _text.Length && _text[_position] == '"')
                {
                    field.Append('"');
                    _position++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || (c == '\r' && (_position >= _text.Length || _text[_position] == '\n')))
            {
                if (c == '\r')
                {
                    _position++;
                }

                fields.Add(field.ToString());
                return new CsvRecord(fields, _position - start, false);
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return new CsvRecord(fields, _position - start, quoted);
    }
}
