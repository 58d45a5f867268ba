using Portal.Server.Security;

namespace Portal.Server.Apis.Users;

internal static class UserValidation
{
    public const int MaxDisplayNameLength = 128;

    public static void CheckCredentials(ValidationErrors errors, string? username, string? password)
    {
        errors.AddIf("username", PasswordPolicy.CheckUsername(username));
        errors.AddIf("password", PasswordPolicy.CheckPassword(password, username));
    }

    public static void CheckDisplayName(ValidationErrors errors, string? displayName)
    {
        if (displayName is { Length: > MaxDisplayNameLength })
        {
            errors.Add("displayName", $"displayName must be at most {MaxDisplayNameLength} characters long.");
        }
    }
}
