using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>
/// The principal header counts only where the platform says App Service Authentication is on: anywhere else a client
/// could have written it.
/// </summary>
public sealed class SignedInUserTests
{
    [Theory]
    [InlineData("True", "00000000-aaaa", true)]
    [InlineData("true", "00000000-aaaa", true)]
    [InlineData(null, "00000000-aaaa", false)]
    [InlineData("False", "00000000-aaaa", false)]
    [InlineData("1", "00000000-aaaa", false)]
    [InlineData("", "00000000-aaaa", false)]
    [InlineData("True", null, false)]
    [InlineData("True", "", false)]
    [InlineData("True", "  ", false)]
    public void A_request_is_signed_in_only_with_easy_auth_on_and_its_principal_header(string? enabled, string? principal, bool expected)
    {
        var context = new DefaultHttpContext();
        if (principal is not null)
        {
            context.Request.Headers[SignedInUser.PrincipalIdHeader] = principal;
        }

        Assert.Equal(expected, User(enabled).IsSignedIn(context.Request));
    }

    [Fact]
    public void Two_principal_headers_are_not_a_sign_in()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[SignedInUser.PrincipalIdHeader] = new Microsoft.Extensions.Primitives.StringValues(["one", "two"]);

        Assert.False(User("True").IsSignedIn(context.Request));
    }

    [Fact]
    public void The_header_name_is_matched_whatever_its_case()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-ms-client-principal-id"] = "00000000-aaaa";

        Assert.True(User("True").IsSignedIn(context.Request));
    }

    private static SignedInUser User(string? enabled)
        => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SignedInUser.AuthEnabledSetting] = enabled }).Build());
}
