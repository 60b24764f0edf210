using System.Text;
using LeadFunctions.Engine.LeadImports;

namespace LeadFunctions.Engine.Tests.LeadImports;

public sealed class ImportParserTests
{
    private static ImportParse Ndjson(string text, int maxRows = ImportLimits.MaxRows) => ImportParser.Parse(Encoding.UTF8.GetBytes(text), ImportFormat.Ndjson, maxRows);

    private static ImportParse Csv(string text, int maxRows = ImportLimits.MaxRows) => ImportParser.Parse(Encoding.UTF8.GetBytes(text), ImportFormat.Csv, maxRows);

    [Fact]
    public void Ndjson_rows_carry_the_form_field_names_and_are_numbered_without_blank_lines()
    {
        var parse = Ndjson("{\"email\":\"a@acme.example\",\"employees\":250,\"consent\":true,\"phone\":null}\r\n\n  \n{\"email\":\"b@acme.example\"}");

        Assert.Null(parse.FileError);
        Assert.Equal([1, 2], parse.Rows.Select(r => r.Row));
        Assert.Equal("a@acme.example", parse.Rows[0].Fields!["email"]);
        Assert.Equal("250", parse.Rows[0].Fields!["employees"]);
        Assert.Equal("true", parse.Rows[0].Fields!["consent"]);
        Assert.False(parse.Rows[0].Fields!.ContainsKey("phone"));
        Assert.Equal("b@acme.example", parse.Rows[1].Fields!["email"]);
    }

    [Fact]
    public void A_bad_ndjson_line_is_an_error_of_its_row_and_the_rest_are_still_read()
    {
        var parse = Ndjson("{\"email\":\"a@acme.example\"}\nnot json\n[1,2]\n{\"email\":\"c@acme.example\",\"email\":\"d@acme.example\"}\n{\"company\":{\"name\":\"x\"}}\n{\"email\":\"f@acme.example\"}");

        Assert.Equal(6, parse.Rows.Count);
        Assert.NotNull(parse.Rows[0].Fields);
        Assert.Equal(("$", "The row is not valid JSON."), (parse.Rows[1].Errors![0].Field, parse.Rows[1].Errors![0].Message));
        Assert.Equal("The row must be a JSON object.", parse.Rows[2].Errors![0].Message);
        Assert.Equal(4, parse.Rows[3].Row);
        Assert.Null(parse.Rows[3].Fields);
        Assert.Equal("company", parse.Rows[4].Errors![0].Field);
        Assert.Equal("f@acme.example", parse.Rows[5].Fields!["email"]);
    }

    [Fact]
    public void Csv_maps_columns_by_the_header_and_counts_rows_after_it()
    {
        var parse = Csv("email,firstName,company\r\na@acme.example,Ann,Acme\r\nb@acme.example,,Beta\r\n");

        Assert.Null(parse.FileError);
        Assert.Equal([1, 2], parse.Rows.Select(r => r.Row));
        Assert.Equal("Ann", parse.Rows[0].Fields!["firstName"]);
        Assert.False(parse.Rows[1].Fields!.ContainsKey("firstName"));
        Assert.Equal("Beta", parse.Rows[1].Fields!["company"]);
    }

    [Fact]
    public void Csv_quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var parse = Csv("email,company,message\na@acme.example,\"Acme, Inc.\",\"She said \"\"call me\"\"\nsoon\"\n\nb@acme.example,Beta,\n");

        Assert.Equal(2, parse.Rows.Count);
        Assert.Equal("Acme, Inc.", parse.Rows[0].Fields!["company"]);
        Assert.Equal("She said \"call me\"\nsoon", parse.Rows[0].Fields!["message"]);
        Assert.Equal(2, parse.Rows[1].Row);
    }

    [Fact]
    public void A_csv_row_with_the_wrong_number_of_fields_or_an_open_quote_is_its_own_error()
    {
        var parse = Csv("email,company\na@acme.example,Acme,extra\nb@acme.example,Beta\nc@acme.example,\"never closed");

        Assert.Equal(3, parse.Rows.Count);
        Assert.Equal("Has 3 fields; the header has 2.", parse.Rows[0].Errors![0].Message);
        Assert.Equal("b@acme.example", parse.Rows[1].Fields!["email"]);
        Assert.Equal((3, "A quoted field is not closed."), (parse.Rows[2].Row, parse.Rows[2].Errors![0].Message));
    }

    [Theory]
    [InlineData("email,nickname\na@acme.example,A", "nickname", "Unknown column.")]
    [InlineData("email,email\na@acme.example,b@acme.example", "email", "Appears more than once in the header.")]
    [InlineData("email,,company\na@acme.example,,Acme", "column 2", "The header names no field.")]
    public void A_header_that_cannot_be_mapped_refuses_the_file(string text, string field, string message)
    {
        var parse = Csv(text);

        Assert.Equal((field, message), (parse.FileError!.Field, parse.FileError.Message));
        Assert.Empty(parse.Rows);
    }

    [Fact]
    public void A_byte_order_mark_before_the_header_is_ignored()
    {
        var parse = Csv("\uFEFFemail\na@acme.example\n");

        Assert.Null(parse.FileError);
        Assert.Equal("a@acme.example", Assert.Single(parse.Rows).Fields!["email"]);
    }

    [Fact]
    public void More_rows_than_allowed_are_refused_as_a_whole()
    {
        Assert.True(Ndjson("{\"email\":\"a@x.example\"}\n{\"email\":\"b@x.example\"}\n{\"email\":\"c@x.example\"}", maxRows: 2).TooManyRows);
        Assert.False(Ndjson("{\"email\":\"a@x.example\"}\n{\"email\":\"b@x.example\"}\n\n", maxRows: 2).TooManyRows);
        Assert.True(Csv("email\na@x.example\nb@x.example\nc@x.example", maxRows: 2).TooManyRows);
    }

    [Fact]
    public void An_empty_body_or_a_header_alone_has_no_rows()
    {
        Assert.Empty(Ndjson("\n\n").Rows);
        Assert.Empty(Csv("email,company\r\n").Rows);
        Assert.Empty(Csv(string.Empty).Rows);
    }
}
