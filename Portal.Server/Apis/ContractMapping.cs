using System.Text.Json;
using Portal.Data.Entities;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Security;

namespace Portal.Server.Apis;

/// <summary>Server objects to the contracts the client shares (Portal.Client/Contracts): one place per shape.</summary>
public static class ContractMapping
{
    public static DeploymentResponse From(Deployment d, Uri? webUi) => From(d, webUi, null);

    /// <summary><paramref name="lineage"/>: the appliance of the deployment's version and its newest version, when known.</summary>
    public static DeploymentResponse From(Deployment d, Uri? webUi, Portal.Server.Deployments.ApplianceLineage? lineage)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.TeamId, d.Name, d.ApplianceVersionId, d.ApplianceVersion?.Version, d.PreviousApplianceVersionId,
            d.DesiredState.ToString(), d.ObservedStatus.ToString(), d.StatusReason, webUi, d.MemoryLimitBytes, d.NanoCpus,
            d.CreatedAt, d.UpdatedAt, d.Version,
            lineage?.ApplianceId ?? d.ApplianceVersion?.ApplianceId, lineage?.Title, lineage?.LatestVersionId, lineage?.LatestVersion);
    }

    public static CatalogueUploadResponse From(CatalogueImportResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Status.ToString(), r.CatalogueId, r.Vendor, r.CatalogueVersion, r.Added, r.Unchanged,
            [.. r.Problems.Select(p => new UploadProblem(p.Path, p.Message, p.Line, p.Column, p.ToString()))]);
    }

    /// <summary>Needs <see cref="User.Vendor"/> and the memberships' teams loaded.</summary>
    public static UserResponse From(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Username, user.DisplayName, user.IsAdmin,
            user.Vendor is null ? null : From(user.Vendor),
            user.Disabled, user.CreatedAt, user.LastLoginAt, user.FailedLoginCount, user.LockedOutUntil,
            [.. user.Memberships.Where(m => m.Team is not null).Select(m => new UserTeamResponse(m.TeamId, m.Team!.Name, PortalClaims.RoleName(m.Role)))]);
    }

    public static VendorResponse From(Vendor vendor)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        return new(vendor.Id, vendor.Name, vendor.DisplayName, vendor.CreatedAt);
    }

    public static AuditEntryResponse From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.At, entry.ActorUserId, entry.Actor, entry.Action, entry.TargetType, entry.TargetId,
            entry.DetailsJson is null ? null : JsonDocument.Parse(entry.DetailsJson).RootElement.Clone(),
            entry.RemoteAddress);
    }

    public static MetricHistoryResponse From(Portal.Server.Metrics.MetricHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new(history.Series, JsonNamingPolicy.CamelCase.ConvertName(history.Resolution.ToString()), history.From, history.To, history.Points);
    }
}
