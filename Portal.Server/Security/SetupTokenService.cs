using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Audit;
using Portal.Server.Extensions;

namespace Portal.Server.Security;

/// <summary>
/// No default password: while no admin exists, each start issues a fresh one-time token (256 random bits),
/// keeps only its SHA-256 in the database, prints it to the log once and writes it to &lt;data&gt;/setup-token
/// (0600) until it is used. POST /api/v1/setup with it creates the first admin.
/// </summary>
public sealed partial class SetupTokenService(
    IDbContextFactory<PortalDbContext> contexts,
    PortalPaths paths,
    IAuditLog audit,
    TimeProvider time,
    ILogger<SetupTokenService> logger)
{
    public string TokenFile => Path.Combine(paths.DataDirectory, "setup-token");

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Issues a token when no admin exists (earlier unused tokens stop working), else removes a leftover token file.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            if (await db.Users.AnyAsync(u => u.IsAdmin, cancellationToken))
            {
                RemoveTokenFile();
                return;
            }

            var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            await db.SetupTokens.Where(t => t.UsedAt == null).ExecuteDeleteAsync(cancellationToken);
            db.SetupTokens.Add(new SetupToken { TokenHash = Hash(token), CreatedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);

            File.Delete(TokenFile);
            await using (var file = new FileStream(TokenFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                await file.WriteAsync(Encoding.ASCII.GetBytes(token + "\n"), cancellationToken);
            }

            LogToken(logger, token, TokenFile);
            await audit.RecordAsync(new AuditRecord(AuditActions.SetupTokenIssued) { Actor = AuditActor.System("setup") }, cancellationToken);
        }
    }

    public void RemoveTokenFile() => File.Delete(TokenFile);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "No admin exists yet. One-time setup token: {Token} (also in {TokenFile}). POST it with a username and password to /api/v1/setup to create the first admin.")]
    private static partial void LogToken(ILogger logger, string token, string tokenFile);
}
