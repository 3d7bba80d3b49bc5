/**
 * On-demand list prices the capacity planner costs a plan with: ONE data object, `PRICES`,
 * keyed by region. Pure data; no cdktf.
 *
 * `verified: true` marks a figure that is AWS's long-standing published on-demand list price
 * for the region (the figures the capacity requirements list, which match the AWS pricing pages as
 * known to the author). `verified: false` marks a figure recalled without checking it against
 * the pricing page: budget only after checking it. Nothing here was fetched live (this
 * repository's machines have no network beyond package registries). Reports print every
 * unverified price with a mark.
 */
import type { AuroraInstanceClassName } from "../../modules/database/instance-classes";
import type { CacheNodeTypeName } from "../../modules/cache/node-types";

/** One on-demand list price and whether it was checked against AWS's pricing page. */
export interface Price {
  /** Price in USD for one `per` unit (for `valkeyDiscount`, the fraction off instead). */
  readonly usd: number;
  /** What one `usd` buys, e.g. "vCPU-hour" or "GB-month". GB is 2^30 bytes, as AWS bills. */
  readonly per: string;
  /** False for a figure recalled without checking; the plan's cost lines using it are marked unverified (`*`). */
  readonly verified: boolean;
}

/** A region's price book: every price the planner costs a plan with, and where the figures come from. */
export interface RegionPrices {
  /** AWS region code, e.g. `us-east-1`; the key of {@link PRICES} it is under. */
  readonly region: string;
  /** When these figures were compiled (ISO date). */
  readonly date: string;
  /** Where the figures come from, and how far to trust them. */
  readonly source: string;
  /** Currency of every `usd` figure; always USD. */
  readonly currency: "USD";
  /** Linux/X86_64 (modules/ecs-service runs X86_64; ARM64 is about 20% cheaper). */
  readonly fargate: {
    /** Per vCPU per hour a task runs. */
    readonly vcpuHour: Price;
    /** Per GB of task memory per hour a task runs. */
    readonly gbHour: Price;
  };
  /** Application Load Balancer. */
  readonly alb: {
    /** Per load balancer per hour. */
    readonly hour: Price;
    /** Per load balancer capacity unit per hour (the largest of new connections, active connections, bytes). */
    readonly lcuHour: Price;
  };
  /** NAT gateways. */
  readonly natGateway: {
    /** Per gateway per hour. */
    readonly hour: Price;
    /** Per GB the gateways process (the profile's natEgressGiBPerMonth). */
    readonly gbProcessed: Price;
  };
  /** Interface VPC endpoints: per endpoint per AZ, plus data processed. */
  readonly interfaceEndpoint: {
    /** Per endpoint per AZ per hour. */
    readonly azHour: Price;
    /** Per GB through the endpoints (the planner counts the log volume). */
    readonly gbProcessed: Price;
  };
  /** Standard log class. */
  readonly cloudwatchLogs: {
    /** Per GB of logs ingested. */
    readonly gbIngested: Price;
    /** Per GB of logs stored per month. */
    readonly gbMonthStored: Price;
  };
  /** Aurora PostgreSQL, Aurora Standard storage configuration (I/O billed per request). */
  readonly aurora: {
    /** Per instance per hour, by instance class; a class missing here cannot be costed (the planner says so). */
    readonly instanceHour: Readonly<Partial<Record<AuroraInstanceClassName, Price>>>;
    /** Per GB of cluster storage per month. */
    readonly gbMonthStorage: Price;
    /** Per million storage I/O requests. */
    readonly millionIo: Price;
  };
  /** ElastiCache node-based clusters. `nodeHour` is the Redis OSS price; Valkey nodes cost `valkeyDiscount` less. */
  readonly elasticache: {
    /** Per node per hour (Redis OSS), by node type; a type missing here cannot be costed. */
    readonly nodeHour: Readonly<Partial<Record<CacheNodeTypeName, Price>>>;
    /** Fraction off `nodeHour` for Valkey nodes (its `usd` is the fraction, e.g. 0.2). */
    readonly valkeyDiscount: Price;
  };
  /** KMS customer managed keys. */
  readonly kms: {
    /** Per key per month. */
    readonly keyMonth: Price;
    /** Per 10,000 API requests. */
    readonly tenThousandRequests: Price;
  };
  /** Secrets Manager. */
  readonly secretsManager: {
    /** Per secret per month. */
    readonly secretMonth: Price;
    /** Per 10,000 API calls. */
    readonly tenThousandCalls: Price;
  };
}

const ok = (usd: number, per: string): Price => ({ usd, per, verified: true });
const unchecked = (usd: number, per: string): Price => ({ usd, per, verified: false });

const US_EAST_1: RegionPrices = {
  region: "us-east-1",
  date: "2026-11-28",
  source:
    "AWS public on-demand pricing pages for US East (N. Virginia) (aws.amazon.com/fargate/pricing, /elasticloadbalancing/pricing, " +
    "/vpc/pricing, /cloudwatch/pricing, /rds/aurora/pricing, /elasticache/pricing, /kms/pricing, /secrets-manager/pricing), " +
    "as known to the author on this date; not fetched live. Aurora, ElastiCache and VPC endpoint figures are recalled, " +
    "not checked (verified: false): check them before budgeting.",
  currency: "USD",
  fargate: { vcpuHour: ok(0.04048, "vCPU-hour"), gbHour: ok(0.004445, "GB-hour") },
  alb: { hour: ok(0.0225, "ALB-hour"), lcuHour: ok(0.008, "LCU-hour") },
  natGateway: { hour: ok(0.045, "NAT gateway-hour"), gbProcessed: ok(0.045, "GB processed") },
  interfaceEndpoint: { azHour: unchecked(0.01, "endpoint-AZ-hour"), gbProcessed: unchecked(0.01, "GB processed") },
  cloudwatchLogs: { gbIngested: ok(0.5, "GB ingested"), gbMonthStored: ok(0.03, "GB-month stored") },
  aurora: {
    instanceHour: {
      "db.t4g.medium": unchecked(0.073, "instance-hour"),
      "db.t4g.large": unchecked(0.146, "instance-hour"),
      "db.r6g.large": unchecked(0.26, "instance-hour"),
      "db.r6g.xlarge": unchecked(0.519, "instance-hour"),
      "db.r6g.2xlarge": unchecked(1.038, "instance-hour"),
      "db.r6g.4xlarge": unchecked(2.076, "instance-hour"),
      "db.r6g.8xlarge": unchecked(4.152, "instance-hour"),
      "db.r6g.12xlarge": unchecked(6.228, "instance-hour"),
      "db.r6g.16xlarge": unchecked(8.304, "instance-hour"),
      "db.r7g.large": unchecked(0.276, "instance-hour"),
      "db.r7g.xlarge": unchecked(0.553, "instance-hour"),
      "db.r7g.2xlarge": unchecked(1.105, "instance-hour"),
      "db.r7g.4xlarge": unchecked(2.211, "instance-hour"),
      "db.r7g.8xlarge": unchecked(4.421, "instance-hour"),
      "db.r7g.12xlarge": unchecked(6.632, "instance-hour"),
      "db.r7g.16xlarge": unchecked(8.843, "instance-hour"),
    },
    gbMonthStorage: unchecked(0.1, "GB-month"),
    millionIo: unchecked(0.2, "million I/O requests"),
  },
  elasticache: {
    nodeHour: {
      "cache.t4g.micro": unchecked(0.016, "node-hour"),
      "cache.t4g.small": unchecked(0.032, "node-hour"),
      "cache.t4g.medium": unchecked(0.065, "node-hour"),
      "cache.m7g.large": unchecked(0.158, "node-hour"),
      "cache.m7g.xlarge": unchecked(0.315, "node-hour"),
      "cache.m7g.2xlarge": unchecked(0.63, "node-hour"),
      "cache.r7g.large": unchecked(0.219, "node-hour"),
      "cache.r7g.xlarge": unchecked(0.437, "node-hour"),
      "cache.r7g.2xlarge": unchecked(0.873, "node-hour"),
      "cache.r7g.4xlarge": unchecked(1.747, "node-hour"),
    },
    valkeyDiscount: unchecked(0.2, "fraction off the Redis OSS node price"),
  },
  kms: { keyMonth: ok(1, "key-month"), tenThousandRequests: ok(0.03, "10,000 requests") },
  secretsManager: { secretMonth: ok(0.4, "secret-month"), tenThousandCalls: ok(0.05, "10,000 API calls") },
};

const METADATA = new Set(["region", "date", "source", "currency"]);

/** The price figures of a region, without its metadata. */
function figuresOf(prices: RegionPrices): Omit<RegionPrices, "region" | "date" | "source" | "currency"> {
  return Object.fromEntries(Object.entries(prices).filter(([k]) => !METADATA.has(k))) as Omit<
    RegionPrices,
    "region" | "date" | "source" | "currency"
  >;
}

/** A copy of a region's figures for another region, every figure marked unverified. */
function assumedEqual(base: RegionPrices, region: string, source: string): RegionPrices {
  const mark = <T>(value: T): T => {
    if (value && typeof value === "object") {
      if ("usd" in value && "verified" in value) return { ...value, verified: false };
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v)])) as T;
    }
    return value;
  };
  return { ...mark(figuresOf(base)), region, date: base.date, source, currency: base.currency };
}

/** Prices by region. A region missing here cannot be costed: the planner says so. */
export const PRICES: Readonly<Record<string, RegionPrices>> = {
  "us-east-1": US_EAST_1,
  "us-west-2": assumedEqual(
    US_EAST_1,
    "us-west-2",
    "ASSUMED equal to us-east-1's on-demand list prices on 2026-11-28 (US West (Oregon) usually lists the same " +
      "figures for these services, but none was checked for us-west-2): every figure is verified: false and must be " +
      "checked on the AWS pricing pages before budgeting.",
  ),
};

/** Every price of a region with its dotted key, e.g. `aurora.instanceHour.db.r7g.large`. */
export function listPrices(prices: RegionPrices): {
  /** Dotted path of the price in the region's book. */
  key: string;
  /** The price at that path. */
  price: Price;
}[] {
  const out: { key: string; price: Price }[] = [];
  const walk = (value: unknown, path: string): void => {
    if (!value || typeof value !== "object") return;
    if ("usd" in value && "verified" in value) {
      out.push({ key: path, price: value as Price });
      return;
    }
    for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(figuresOf(prices), "");
  return out;
}
