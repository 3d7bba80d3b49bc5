/**
 * Renders a capacity plan set as a fixed-width table, JSON or Markdown. Every number is
 * shown with its one-line derivation. Pure; no I/O.
 */
import { percent } from "./availability";
import { num, usd, type Figure } from "./figure";
import type { CachePlan, CapacityPlan, CapacityPlanSet, DatabasePlan, ServicePlan } from "./planner";

/** One number of a plan as the detailed report prints it. */
export interface PlanRow {
  /** Report section: `service`, `database`, `cache`, `network`, `logs`, `availability` or `cost`. */
  readonly section: string;
  /** What the number is, e.g. `min tasks`, `instance class`. */
  readonly item: string;
  /** The value with its unit, formatted (percent, `$`, `yes`/`no`; `*` marks an unverified price). */
  readonly value: string;
  /** The figure's one-line arithmetic. */
  readonly derivation: string;
}

const SINGULAR: Readonly<Record<string, string>> = {
  tasks: "task",
  readers: "reader",
  instances: "instance",
  replicas: "replica",
  nodes: "node",
  AZs: "AZ",
  gateways: "gateway",
  connections: "connection",
  hashes: "hash",
};

function value(f: Figure<unknown>): string {
  const v = f.value;
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "string") return v;
  if (typeof v === "number") {
    if (f.unit === "fraction") return percent(v);
    if (f.unit === "utilization") return `${num(v * 100, 1)}%`;
    const unit = v === 1 ? (SINGULAR[f.unit] ?? f.unit) : f.unit;
    return unit ? `${num(v)} ${unit}` : num(v);
  }
  if (v && typeof v === "object" && "cpu" in v && "memoryMiB" in v)
    return `${String(v.cpu)} cpu / ${String(v.memoryMiB)} MiB`;
  return JSON.stringify(v);
}

const row = (section: string, item: string, f: Figure<unknown>): PlanRow => ({
  section,
  item,
  value: value(f),
  derivation: f.derivation,
});

/** The service section: CPU need, task size, fleet, surge, standby, average and hash concurrency. */
function serviceRows(s: ServicePlan): PlanRow[] {
  return [
    row("service", "busy vCPU at peak", s.busyVcpu),
    row("service", "required vCPU", s.requiredVcpu),
    row("service", "task size", s.taskSize),
    row("service", "vCPU per task", s.vcpuPerTask),
    row("service", "memory per task", s.memoryGiBPerTask),
    row("service", "surviving AZs", s.survivingAzs),
    row("service", "tasks per AZ", s.tasksPerAz),
    row("service", "min tasks", s.minTasks),
    row("service", "max tasks", s.maxTasks),
    row("service", "CPU with one AZ lost", s.utilizationWithOneAzLost),
    row("service", "surge tasks", s.surgeTasks),
    row("service", "surge vCPU", s.surgeVcpu),
    ...(s.standbyTasks ? [row("service", "standby tasks", s.standbyTasks)] : []),
    row("service", "average tasks", s.averageTasks),
    row("service", "hashes in flight/task", s.hashConcurrencyPerTask),
  ];
}

/** The database and cache sections. */
function dataRows(d: DatabasePlan, c: CachePlan): PlanRow[] {
  return [
    row("database", "required vCPU", d.requiredVcpu),
    row("database", "peak connections", d.peakConnections),
    row("database", "storage", d.storageGiB),
    row("database", "memory for cache", d.requiredMemoryGiB),
    row("database", "instance class", d.instanceClass),
    row("database", "readers", d.readers),
    row("database", "instances", d.instances),
    row("database", "I/O per month", d.ioMillionsPerMonth),
    row("cache", "session memory", c.requiredMemoryGiB),
    row("cache", "node type", c.nodeType),
    row("cache", "usable memory", c.usableMemoryGiB),
    row("cache", "Multi-AZ", c.multiAz),
    row("cache", "replicas", c.replicas),
    row("cache", "nodes", c.nodes),
  ];
}

/** The network and logs sections. */
function networkAndLogRows(plan: CapacityPlan): PlanRow[] {
  return [
    row("network", "NAT gateways", plan.network.natGateways),
    row("network", "interface endpoints", plan.network.interfaceEndpointAzs),
    row("logs", "average requests/s", plan.logs.averageRequestsPerSecond),
    row("logs", "volume per day", plan.logs.gbPerDay),
    row("logs", "volume per month", plan.logs.gbPerMonth),
    row("logs", "stored (retention)", plan.logs.storedGb),
  ];
}

/** The availability section: each component, the composite, the target (met or not) and the allowed downtime. */
function availabilityRows(plan: CapacityPlan): PlanRow[] {
  return [
    ...plan.availability.components.map((comp) => ({
      section: "availability",
      item: comp.name,
      value: percent(comp.availability, 4),
      derivation: comp.derivation,
    })),
    row("availability", "composite", plan.availability.composite),
    {
      section: "availability",
      item: "target",
      value: `${plan.profile.availabilityTarget}% ${plan.availability.meetsTarget ? "met" : "NOT MET"}`,
      derivation: plan.availability.target.derivation,
    },
    row("availability", "allowed downtime", plan.availability.downtimeMinutesPerMonth),
  ];
}

/** The cost section: each line, then the total; `*` marks an unverified price. */
function costRows(plan: CapacityPlan): PlanRow[] {
  return [
    ...plan.cost.lines.map((l) => ({
      section: "cost",
      item: l.component,
      value: `${usd(l.monthlyUsd)}${l.verified ? "" : " *"}`,
      derivation: l.derivation,
    })),
    {
      section: "cost",
      item: "total per month",
      value: `${usd(plan.cost.totalMonthlyUsd.value)}${plan.cost.allPricesVerified ? "" : " *"}`,
      derivation: plan.cost.totalMonthlyUsd.derivation,
    },
  ];
}

/** Every number of a plan as a row, in reading order. */
export function planRows(plan: CapacityPlan): PlanRow[] {
  return [
    ...serviceRows(plan.service),
    ...dataRows(plan.database, plan.cache),
    ...networkAndLogRows(plan),
    ...availabilityRows(plan),
    ...costRows(plan),
  ];
}

/** One environment's line in the summary table, every cell formatted as printed. */
export interface SummaryRow {
  /** Environment name. */
  readonly environment: string;
  /** AWS region. */
  readonly region: string;
  /** Task size, e.g. `1024 cpu / 2048 MiB`. */
  readonly task: string;
  /** `min-max` tasks, with the standby count when the plan has one. */
  readonly tasks: string;
  /** Aurora instance class × instances. */
  readonly database: string;
  /** Cache node type × nodes. */
  readonly cache: string;
  /** NAT gateway count. */
  readonly nat: string;
  /** Composite SLA availability vs the target percent, `(below)` when it misses. */
  readonly availability: string;
  /** Total cost in USD per month, `*` when a price behind it is unverified. */
  readonly monthly: string;
}

/** The summary table's rows: one per plan, in the set's order. */
export function summaryRows(set: CapacityPlanSet): SummaryRow[] {
  return set.plans.map((p) => ({
    environment: p.environment,
    region: p.region,
    task: value(p.service.taskSize),
    tasks: `${p.service.minTasks.value}-${p.service.maxTasks.value}${p.service.standbyTasks ? ` (standby ${p.service.standbyTasks.value})` : ""}`,
    database: `${p.database.instanceClass.value} × ${p.database.instances.value}`,
    cache: `${p.cache.nodeType.value} × ${p.cache.nodes.value}`,
    nat: String(p.network.natGateways.value),
    availability: `${percent(p.availability.composite.value)} vs ${p.profile.availabilityTarget}%${p.availability.meetsTarget ? "" : " (below)"}`,
    monthly: `${usd(p.cost.totalMonthlyUsd.value)}${p.cost.allPricesVerified ? "" : " *"}`,
  }));
}

const SUMMARY_HEADERS: Record<keyof SummaryRow, string> = {
  environment: "env",
  region: "region",
  task: "task size",
  tasks: "tasks min-max",
  database: "Aurora",
  cache: "cache",
  nat: "NAT",
  availability: "SLA composite vs target",
  monthly: "per month",
};

function priceNotes(set: CapacityPlanSet): string[] {
  const seen = new Map<string, string>();
  for (const p of set.plans)
    seen.set(p.cost.region, `${p.cost.region} prices (${p.cost.priceDate}): ${p.cost.priceSource}`);
  return [...seen.values()];
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
    .join("  ")
    .trimEnd();
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [
    pad(headers, widths),
    pad(
      widths.map((w) => "-".repeat(w)),
      widths,
    ),
    ...rows.map((r) => pad(r, widths)),
  ];
}

/** The summary table alone: one row per environment, fixed-width. */
export function renderSummaryTable(set: CapacityPlanSet): string {
  const keys = Object.keys(SUMMARY_HEADERS) as (keyof SummaryRow)[];
  return `${table(
    keys.map((k) => SUMMARY_HEADERS[k]),
    summaryRows(set).map((r) => keys.map((k) => r[k])),
  ).join("\n")}\n`;
}

/** Fixed-width text: a summary, then per environment every number with its derivation. */
export function renderTable(set: CapacityPlanSet): string {
  const keys = Object.keys(SUMMARY_HEADERS) as (keyof SummaryRow)[];
  const out: string[] = [
    "Capacity plan",
    "",
    ...table(
      keys.map((k) => SUMMARY_HEADERS[k]),
      summaryRows(set).map((r) => keys.map((k) => r[k])),
    ),
  ];
  for (const plan of set.plans) {
    out.push(
      "",
      `== ${plan.environment} (${plan.region}, ${plan.profile.azCount} AZs, target ${plan.profile.availabilityTarget}%)`,
      "",
    );
    out.push(
      ...table(
        ["section", "item", "value", "derivation"],
        planRows(plan).map((r) => [r.section, r.item, r.value, r.derivation]),
      ),
    );
    if (plan.warnings.length > 0) out.push("", ...plan.warnings.map((w) => `warning: ${w}`));
  }
  out.push("", "* includes a price marked verified: false: check it before budgeting.", ...priceNotes(set));
  out.push("Availability figures are AWS SLA commitments (the floor AWS pays credits below), not measurements.");
  return `${out.join("\n")}\n`;
}

/** The plan set as JSON, with the price sources used. */
export function renderJson(set: CapacityPlanSet): string {
  const prices = Object.fromEntries(
    set.plans.map((p) => [p.cost.region, { date: p.cost.priceDate, source: p.cost.priceSource }]),
  );
  return `${JSON.stringify({ kind: "capacity-plan", plans: set.plans, assumptions: set.assumptions, prices }, null, 2)}\n`;
}

const cell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");

function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${headers.map(cell).join(" | ")} |`,
    `|${headers.map(() => " --- ").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

/** Markdown: a summary table, then one table per environment, its warnings, and the price notes. */
export function renderMarkdown(set: CapacityPlanSet): string {
  const keys = Object.keys(SUMMARY_HEADERS) as (keyof SummaryRow)[];
  const out: string[] = [
    "# Capacity plan",
    "",
    ...mdTable(
      keys.map((k) => SUMMARY_HEADERS[k]),
      summaryRows(set).map((r) => keys.map((k) => r[k])),
    ),
  ];
  for (const plan of set.plans) {
    out.push(
      "",
      `## ${plan.environment} (${plan.region}, ${plan.profile.azCount} AZs, target ${plan.profile.availabilityTarget}%)`,
      "",
    );
    out.push(
      ...mdTable(
        ["Section", "Item", "Value", "Derivation"],
        planRows(plan).map((r) => [r.section, r.item, r.value, r.derivation]),
      ),
    );
    if (plan.warnings.length > 0) out.push("", ...plan.warnings.map((w) => `- **Warning:** ${cell(w)}`));
  }
  out.push("", "`*` includes a price marked `verified: false`: check it before budgeting.", "");
  out.push(...priceNotes(set).map((n) => `- ${n}`));
  out.push("", "Availability figures are AWS SLA commitments (the floor AWS pays credits below), not measurements.");
  return `${out.join("\n")}\n`;
}
