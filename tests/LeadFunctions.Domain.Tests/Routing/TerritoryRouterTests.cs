using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Domain.Tests.Routing;

public sealed class TerritoryRouterTests
{
    private static readonly RoutingRules Shipped = PlaybookJson.Default().Routing;

    private static RoutingRules With(params TerritoryRule[] rules) => Shipped with
    {
        Territories = [.. rules],
        Regions = Shipped.Regions.Add("dach", ["DE", "AT", "CH"]),
    };

    private static Person Person(string country = "US", int? employees = 250, string email = "ann@acme.example") => new(email, Country: country, Employees: employees);

    [Fact]
    public void The_shipped_playbook_sends_canada_to_the_canada_team_and_the_rest_to_inbound()
    {
        Assert.Equal(new RouteMatch("canada", "canada-sales", null), TerritoryRouter.Route(Shipped, Person("CA"), "pricing", Quadrant.HighInterestGoodFit));
        Assert.Equal(new RouteMatch(null, "inbound-sales", null), TerritoryRouter.Route(Shipped, Person("US"), "pricing", Quadrant.HighInterestGoodFit));
        Assert.Equal(new RouteMatch(null, "inbound-sales", null), TerritoryRouter.Route(Shipped, Person(country: null!), "pricing", Quadrant.HighInterestGoodFit));
    }

    [Fact]
    public void The_first_matching_rule_wins()
    {
        var routing = With(
            new TerritoryRule { Name = "enterprise", Match = new() { EmployeesMin = 1000 }, Team = "canada-sales" },
            new TerritoryRule { Name = "dach", Match = new() { Regions = ["dach"] }, Rep = "rep-ben" });

        Assert.Equal(new RouteMatch("enterprise", "canada-sales", null), TerritoryRouter.Route(routing, Person("DE", 5000), null, Quadrant.LowInterestGoodFit));
        Assert.Equal(new RouteMatch("dach", "inbound-sales", "rep-ben"), TerritoryRouter.Route(routing, Person("AT", 50), null, Quadrant.LowInterestGoodFit));
    }

    [Theory]
    [InlineData("domain", true)]
    [InlineData("form", true)]
    [InlineData("quadrant", true)]
    [InlineData("size-unknown", false)]
    public void Each_condition_must_hold(string condition, bool matches)
    {
        var match = condition switch
        {
            "domain" => new TerritoryMatch { EmailDomains = ["ACME.example"] },
            "form" => new TerritoryMatch { Forms = ["demo-request"] },
            "quadrant" => new TerritoryMatch { Quadrants = [Quadrant.HighInterestGoodFit] },
            _ => new TerritoryMatch { EmployeesMax = 100 },
        };
        var routing = With(new TerritoryRule { Name = "rule", Match = match, Team = "canada-sales" });

        var route = TerritoryRouter.Route(routing, Person(employees: null), "demo-request", Quadrant.HighInterestGoodFit);

        Assert.Equal(matches ? "rule" : null, route!.Rule);
    }

    [Fact]
    public void Without_teams_routing_is_off()
    {
        Assert.Null(TerritoryRouter.Route(new RoutingRules(), Person(), "pricing", Quadrant.HighInterestGoodFit));
    }
}
