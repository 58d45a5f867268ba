using Portal.Engine.Errors;

namespace Portal.Engine.Cgroups;

/// <summary>CFS bandwidth from Docker's NanoCpus or CpuQuota/CpuPeriod; a null quota is unlimited.</summary>
internal readonly record struct CpuQuota(long? QuotaMicros, long PeriodMicros)
{
    public const long DefaultPeriodMicros = 100_000;

    public static CpuQuota From(ResourceLimits limits)
    {
        if (limits.NanoCpus < 0)
        {
            throw new InvalidArgumentException($"NanoCpus {limits.NanoCpus}: must not be negative");
        }

        if (limits.NanoCpus > 0 && limits.CpuQuotaMicros > 0)
        {
            throw new InvalidArgumentException("NanoCpus and CpuQuota both set: they conflict, set one of them");
        }

        var period = limits.CpuPeriodMicros is > 0 ? limits.CpuPeriodMicros.Value : DefaultPeriodMicros;
        if (limits.NanoCpus > 0)
        {
            if (limits.CpuPeriodMicros > 0)
            {
                throw new InvalidArgumentException("NanoCpus and CpuPeriod both set: they conflict, set one of them");
            }

            return new CpuQuota(limits.NanoCpus.Value * DefaultPeriodMicros / 1_000_000_000, DefaultPeriodMicros);
        }

        return new CpuQuota(limits.CpuQuotaMicros is > 0 ? limits.CpuQuotaMicros : null, period);
    }
}
