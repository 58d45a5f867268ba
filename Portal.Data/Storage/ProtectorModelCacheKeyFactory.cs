using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Portal.Data.Storage;

/// <summary>
/// The secret converter captures the context's protector, so the built model belongs to that protector:
/// key the model cache on it too, or a second protector would be served the first one's converter.
/// </summary>
internal sealed class ProtectorModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => context is PortalDbContext portal
        ? (context.GetType(), portal.SecretProtector, designTime)
        : (context.GetType(), designTime);
}
