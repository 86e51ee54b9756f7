using AttrMapper.Demo.Walkthrough;
using AttrMapper.Tests;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>
/// `make demo-split` through the published bootstrap (one per tenant pool), asserted on the facts the run returns, not
/// on the table's layout: each tenant's users migrate into their own pool, the other tenant's pool refuses them, and
/// each pool holds only its tenant.
/// </summary>
public sealed class SplitWalkthroughTests
{
    [Fact]
    public async Task RunAsync_TwoTenants_EachUserLandsOnlyInTheirOwnPool()
    {
        using var output = new StringWriter();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var facts = await new SplitWalkthrough(RepositoryFiles.Root, BootstrapProcess.BinaryPath, output, ownProcessGroups: true).RunAsync(patience.Token);

        var text = output.ToString();
        facts.Attempts.Count.ShouldBe(SplitWalkthrough.Users.Count * 2, text);
        foreach (var attempt in facts.Attempts)
        {
            if (attempt.OwnPool)
            {
                attempt.SignedIn.ShouldBeTrue($"{attempt.Username} into own pool {attempt.Pool}\n{text}");
                attempt.LandedTenantId.ShouldBe(attempt.UserTenant);
            }
            else
            {
                attempt.SignedIn.ShouldBeFalse($"{attempt.Username} into {attempt.Pool}\n{text}");
                attempt.ErrorType.ShouldBeOneOf("NotAuthorizedException", "UserNotFoundException");
                attempt.LandedTenantId.ShouldBeNull();
            }
        }

        foreach (var (tenant, users) in facts.Holds)
        {
            users.Select(u => u.Username).Order(StringComparer.Ordinal)
                .ShouldBe(SplitWalkthrough.Users.Where(u => u.Tenant == tenant).Select(u => u.Username).Order(StringComparer.Ordinal), text);
            users.ShouldAllBe(u => u.Attributes["custom:tenant_id"] == tenant);
        }

        // Every refusal was the function's select (not_selected), not some other failure; cognito-local retries nothing here.
        facts.NotSelectedLogged.ShouldBe(facts.Attempts.Count(a => !a.OwnPool), text);
        text.ShouldNotContain(SplitWalkthrough.Password);
    }
}
