using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Tests.Support;

namespace LeadFunctions.Domain.Tests;

/// <summary>Fit (seed 004) from the default playbook's rules: base 30, good from 50.</summary>
public sealed class FitScoreTests
{
    private static readonly FitRules Rules = TestData.Default.Fit;

    [Fact]
    public void Company_size_title_and_country_make_a_good_fit()
    {
        var person = new Person("jane@acme.example", JobTitle: "Head of Operations", Country: "DE", Employees: 120);

        var score = FitScore.Of(person, Rules);

        Assert.Equal(30 + 30 + 20 + 20, score);
        Assert.Equal(Fit.Good, FitScore.Classify(score, Rules));
    }

    [Fact]
    public void Personal_email_domain_makes_a_low_fit_even_with_good_attributes()
    {
        var person = new Person("jane@gmail.com", JobTitle: "Director", Country: "US", Employees: 120);

        var score = FitScore.Of(person, Rules);

        Assert.Equal(30 + 30 + 20 + 20 - 60, score);
        Assert.Equal(Fit.Low, FitScore.Classify(score, Rules));
    }

    [Theory]
    [InlineData("someone@GMAIL.COM")]
    [InlineData("someone@proton.me")]
    [InlineData("someone@yahoo.com")]
    public void Personal_domains_match_case_insensitively(string email)
    {
        Assert.Equal(30 - 60, FitScore.Of(new Person(email), Rules));
    }

    [Fact]
    public void Personal_domain_match_is_exact_not_a_suffix()
    {
        Assert.Equal(30, FitScore.Of(new Person("someone@notgmail.com"), Rules));
    }

    [Fact]
    public void Unknown_person_scores_the_base_and_is_a_low_fit()
    {
        var score = FitScore.Of(new Person("someone@company.example"), Rules);

        Assert.Equal(30, score);
        Assert.Equal(Fit.Low, FitScore.Classify(score, Rules));
    }

    [Theory]
    [InlineData(19, 30)]
    [InlineData(20, 60)]
    [InlineData(5000, 60)]
    [InlineData(5001, 30)]
    public void Company_size_range_is_inclusive(int employees, int expected)
    {
        Assert.Equal(expected, FitScore.Of(new Person("a@company.example", Employees: employees), Rules));
    }

    [Theory]
    [InlineData("us", 50)]
    [InlineData("FR", 50)]
    [InlineData("BR", 30)]
    public void Country_list_matches_case_insensitively(string country, int expected)
    {
        Assert.Equal(expected, FitScore.Of(new Person("a@company.example", Country: country), Rules));
    }

    [Theory]
    [InlineData("VP of Marketing", 50)]
    [InlineData("Vice President, Sales", 50)]
    [InlineData("Chief Revenue Officer", 50)]
    [InlineData("Software Engineer", 30)]
    public void Title_keywords_add_points_once(string title, int expected)
    {
        Assert.Equal(expected, FitScore.Of(new Person("a@company.example", JobTitle: title), Rules));
    }

    [Theory]
    [InlineData(49, Fit.Low)]
    [InlineData(50, Fit.Good)]
    [InlineData(51, Fit.Good)]
    public void Classification_threshold_is_inclusive(int score, Fit expected)
    {
        Assert.Equal(expected, FitScore.Classify(score, Rules));
    }

    [Fact]
    public void Rules_without_optional_lists_score_only_the_base()
    {
        var rules = new FitRules { BaseScore = 10 };

        Assert.Equal(10, FitScore.Of(TestData.GoodFit(), rules));
    }
}
