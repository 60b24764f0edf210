using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Intake;

/// <summary>How well the person matches the company's persona (seed 004: fit), from the playbook's rules.</summary>
public static class FitScore
{
    public static int Of(Person person, FitRules rules)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(rules);
        var score = rules.BaseScore;
        if (rules.CompanySize is { } size && person.Employees is { } employees && employees >= size.Min && employees <= size.Max)
        {
            score += size.Points;
        }

        if (rules.Countries is { } countries && person.Country is { } country
            && countries.Values.Contains(country, StringComparer.OrdinalIgnoreCase))
        {
            score += countries.Points;
        }

        if (rules.JobTitleKeywords is { } titles && person.JobTitle is { } title
            && titles.Values.Any(keyword => title.Contains(keyword, StringComparison.OrdinalIgnoreCase)))
        {
            score += titles.Points;
        }

        if (rules.PersonalEmailDomains is { } personal
            && personal.Values.Contains(person.EmailDomain, StringComparer.OrdinalIgnoreCase))
        {
            score += personal.Points;
        }

        return score;
    }

    public static Fit Classify(int score, FitRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return score >= rules.GoodFitMinScore ? Fit.Good : Fit.Low;
    }
}
