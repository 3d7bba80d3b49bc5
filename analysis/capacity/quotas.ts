/**
 * The service quotas an account and region must have before its environments can run at their
 * maximum: pure TypeScript, so `npm run capacity` reports the same figures the stacks request.
 *
 * - Fargate On-Demand vCPU (Service Quotas code `fargate` / `L-3032A538`): the vCPU of every
 *   running Fargate task of the account in the region. New accounts start far below what a
 *   production fleet needs, and a canary deployment runs a second full fleet beside the first.
 * - VPC network interfaces per Region (`vpc` / `L-DF5E4CA3`): an `awsvpc` task holds one ENI,
 *   and so do NAT gateways, interface endpoints (per AZ), load balancer nodes, database
 *   instances and cache nodes.
 */
import { CapacityInputError, type CapacityIssue } from "./errors";
import { count, figure, num, type Figure } from "./figure";

/** A Service Quotas quota: what `aws service-quotas get-service-quota` takes. */
export interface ServiceQuotaId {
  /** Service Quotas service code, e.g. `fargate`. */
  readonly serviceCode: string;
  /** Service Quotas quota code, e.g. `L-3032A538`. */
  readonly quotaCode: string;
  /** The quota's name as the Service Quotas console shows it. */
  readonly name: string;
  /** What one unit of the quota counts. */
  readonly unit: string;
}

/** Fargate On-Demand vCPU resource count (per account and region). */
export const FARGATE_ON_DEMAND_VCPU: ServiceQuotaId = {
  serviceCode: "fargate",
  quotaCode: "L-3032A538",
  name: "Fargate On-Demand vCPU resource count",
  unit: "vCPU",
};

/** Network interfaces per Region (per account and region). */
export const VPC_NETWORK_INTERFACES_PER_REGION: ServiceQuotaId = {
  serviceCode: "vpc",
  quotaCode: "L-DF5E4CA3",
  name: "Network interfaces per Region",
  unit: "ENIs",
};

/** How a service replaces its tasks on a deployment. */
export type QuotaDeployment =
  | {
      /** A full second fleet beside the old one: the deployment doubles the tasks. */
      readonly strategy: "canary";
    }
  | {
      /** Tasks replaced in place, up to `maxPercent` of the fleet running at once. */
      readonly strategy: "rolling";
      /** ECS maximumPercent (100 to 200): the share of maxTasks running during a deployment. */
      readonly maxPercent: number;
    };

/** One environment's Fargate service, at the size it can reach. */
export interface QuotaWorkload {
  /** Environment name; labels its share of each need. */
  readonly environment: string;
  /** Account name (or id): needs are summed per account and region. */
  readonly account: string;
  /** AWS region the environment runs in: needs are summed per account and region. */
  readonly region: string;
  /** vCPU of one task (task cpu units / 1024). */
  readonly vcpuPerTask: number;
  /** The most tasks autoscaling may run; for a DR copy, its size after failover. */
  readonly maxTasks: number;
  /** A canary runs a full second fleet beside the old one; rolling runs maxPercent of it. */
  readonly deployment: QuotaDeployment;
  /**
   * ENIs the environment holds besides its tasks (NAT gateways, interface endpoint-AZs,
   * load balancer nodes, database instances, cache nodes).
   * @default 0
   */
  readonly otherNetworkInterfaces?: number;
}

/** One quota an account and region needs, with each environment's share. */
export interface QuotaNeed {
  /** Account whose quota it is. */
  readonly account: string;
  /** Region the quota applies in. */
  readonly region: string;
  /** Which quota is needed. */
  readonly quota: ServiceQuotaId;
  /** The sum of the shares, rounded up to a whole unit. */
  readonly required: Figure;
  /** What each environment of the account and region needs of the quota. */
  readonly shares: readonly {
    /** The environment. */
    readonly environment: string;
    /** Its need, in the quota's unit, with the arithmetic. */
    readonly need: Figure;
  }[];
}

/** Problems with one workload, each `path: reason` relative to the workload. */
export function quotaWorkloadProblems(w: QuotaWorkload): CapacityIssue[] {
  const issues: CapacityIssue[] = [];
  const positive = (path: string, v: number) => {
    if (!Number.isFinite(v) || v <= 0) issues.push({ path, reason: `${v} must be a number above 0` });
  };
  if (!w.account) issues.push({ path: "account", reason: "must not be empty" });
  if (!w.region) issues.push({ path: "region", reason: "must not be empty" });
  positive("vcpuPerTask", w.vcpuPerTask);
  if (!Number.isInteger(w.maxTasks) || w.maxTasks < 0)
    issues.push({ path: "maxTasks", reason: `${w.maxTasks} must be a whole number of tasks, 0 or more` });
  if (
    w.deployment.strategy === "rolling" &&
    (!Number.isFinite(w.deployment.maxPercent) || w.deployment.maxPercent < 100)
  ) {
    issues.push({ path: "deployment.maxPercent", reason: `${w.deployment.maxPercent} must be at least 100` });
  }
  const other = w.otherNetworkInterfaces ?? 0;
  if (!Number.isInteger(other) || other < 0)
    issues.push({ path: "otherNetworkInterfaces", reason: `${other} must be a whole number, 0 or more` });
  return issues;
}

/** Tasks running at once when a deployment starts at the maximum size. */
function peakTasks(w: QuotaWorkload): { tasks: number; why: string } {
  if (w.deployment.strategy === "canary")
    return { tasks: 2 * w.maxTasks, why: `2 × ${count(w.maxTasks, "task")} (canary: a full new fleet beside the old)` };
  const tasks = Math.max(w.maxTasks, Math.ceil((w.maxTasks * w.deployment.maxPercent) / 100 - 1e-9));
  return { tasks, why: `ceil(${count(w.maxTasks, "task")} × ${w.deployment.maxPercent}%) (rolling: maximumPercent)` };
}

/**
 * The quotas every account and region needs: Fargate On-Demand vCPU and network interfaces,
 * each the sum over the environments there at their maximum with a deployment's surge.
 * Ordered by account, region, then quota. Throws `CapacityInputError` for a bad workload.
 */
export function planQuotas(workloads: readonly QuotaWorkload[]): QuotaNeed[] {
  const issues = workloads.flatMap((w, i) =>
    quotaWorkloadProblems(w).map((issue) => ({
      path: `${w.environment || String(i)}.${issue.path}`,
      reason: issue.reason,
    })),
  );
  if (issues.length > 0) throw new CapacityInputError(issues);

  const groups = new Map<string, QuotaWorkload[]>();
  for (const w of workloads) {
    const key = JSON.stringify([w.account, w.region]);
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const needs: QuotaNeed[] = [];
  for (const [key, group] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [account, region] = JSON.parse(key) as [string, string];
    const vcpuShares = group.map((w) => {
      const { tasks, why } = peakTasks(w);
      const vcpu = tasks * w.vcpuPerTask;
      return {
        environment: w.environment,
        need: figure(vcpu, "vCPU", `${why} = ${tasks} tasks × ${num(w.vcpuPerTask)} vCPU = ${num(vcpu)}`),
      };
    });
    const eniShares = group.map((w) => {
      const { tasks } = peakTasks(w);
      const other = w.otherNetworkInterfaces ?? 0;
      return {
        environment: w.environment,
        need: figure(
          tasks + other,
          "ENIs",
          `${tasks} tasks at the surge × 1 ENI (awsvpc) + ${other} other ENIs = ${tasks + other}`,
        ),
      };
    });
    needs.push(
      sumNeed(account, region, FARGATE_ON_DEMAND_VCPU, vcpuShares),
      sumNeed(account, region, VPC_NETWORK_INTERFACES_PER_REGION, eniShares),
    );
  }
  return needs;
}

function sumNeed(account: string, region: string, quota: ServiceQuotaId, shares: QuotaNeed["shares"]): QuotaNeed {
  const total = Math.ceil(shares.reduce((s, x) => s + x.need.value, 0) - 1e-9);
  const terms = shares.map((s) => `${s.environment} ${num(s.need.value)}`).join(" + ");
  return { account, region, quota, required: figure(total, quota.unit, `${terms} = ${total}`), shares };
}

/** The needs as a plain-text table, one line per account, region and quota, then each share. */
export function renderQuotaTable(needs: readonly QuotaNeed[]): string {
  const rows = needs.map((n) => [
    n.account,
    n.region,
    `${n.quota.serviceCode}/${n.quota.quotaCode}`,
    n.quota.name,
    `${num(n.required.value)} ${n.quota.unit}`,
    n.required.derivation,
  ]);
  const header = [
    "account",
    "region",
    "quota code",
    "quota",
    "at least",
    "sum over environments (max tasks, deployment surge, DR at failover size)",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  const detail = needs.flatMap((n) =>
    n.shares.map((s) => `  ${n.account} ${n.region} ${n.quota.quotaCode} ${s.environment}: ${s.need.derivation}`),
  );
  return [
    "Service quotas needed (check: aws service-quotas get-service-quota --service-code <code> --quota-code <quota code> --region <region>)",
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    ...detail,
    "",
  ].join("\n");
}
