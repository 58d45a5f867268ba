namespace Portal.Server.Deployments;

/// <summary>What kind of refusal a <see cref="DeploymentException"/> is; endpoints map it to an HTTP status.</summary>
public enum DeploymentErrorKind
{
    /// <summary>Bad input (name, config values, version): 400 / 422.</summary>
    Invalid,
    /// <summary>Admission control refused it (quota or host memory): 409 or 422.</summary>
    Refused,
    /// <summary>A concurrent change won (concurrency token) or the name is taken: 409.</summary>
    Conflict,
    /// <summary>No such deployment, appliance version or team: 404.</summary>
    NotFound,
    /// <summary>The engine could not converge (upgrade fell back, start failed): 409 / 500.</summary>
    Failed,
}
