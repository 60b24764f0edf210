using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Api.Tests;

/// <summary>The Functions worker has no route endpoint: log lines name the template matched from the path, never the path.</summary>
public sealed class ApiRoutesTests
{
    [Theory]
    [InlineData("/api/forms/contact-us/submissions", "/api/forms/{formId}/submissions")]
    [InlineData("/api/leads/ld-0000000000000000000000zz/events", "/api/leads/{leadId}/events")]
    [InlineData("/api/leads/someone@example.com", "/api/leads/{leadId}")]
    [InlineData("/api/leads", "/api/leads")]
    [InlineData("/api/playbook", "/api/playbook")]
    [InlineData("/api/admin/sweeps/recycle-dark", "/api/admin/sweeps/{sweep}")]
    [InlineData("/api/leads/a/b/c", ApiRoutes.Unmatched)]
    [InlineData("/someone@example.com", ApiRoutes.Unmatched)]
    public void A_path_without_an_endpoint_is_named_by_its_template(string path, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        Assert.Equal(expected, ApiRoutes.TemplateOf(context));
    }
}
