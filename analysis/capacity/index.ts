/**
 * Capacity planning for the service: pure TypeScript (no cdktf, no config/), so config and
 * stacks can consume a plan, and so can any other team's tooling.
 */
export { CapacityInputError, formatCapacityIssue, type CapacityIssue } from "./errors";
export { figure, num, usd, cents, type Figure } from "./figure";
export {
  HASH_COST_DEFAULTS,
  PROFILE_LIMITS,
  cpuMsPerHash,
  parseWorkloadProfile,
  workloadProfileSchema,
  type HashCost,
  type PasswordHashAlgorithm,
  type WorkloadProfile,
  type WorkloadProfileInput,
} from "./profile";
export { PRICES, listPrices, type Price, type RegionPrices } from "./prices";
export {
  SLA_FIGURES,
  atLeastKOfN,
  downtimeMinutesPerMonth,
  percent,
  series,
  type AvailabilityComponent,
  type SlaFigure,
} from "./availability";
export {
  PLANNER_ASSUMPTIONS,
  PLANNING_ENVELOPE,
  planCapacity,
  planEnvironments,
  type AvailabilityPlan,
  type CachePlan,
  type CapacityPlan,
  type CapacityPlanSet,
  type CostLine,
  type CostPlan,
  type DatabasePlan,
  type LogsPlan,
  type NetworkPlan,
  type EnvironmentsPlanOptions,
  type PlanOptions,
  type SizingOverride,
  type SizingOverrides,
  type PlannerAssumptions,
  type ServicePlan,
} from "./planner";
export {
  FARGATE_ON_DEMAND_VCPU,
  VPC_NETWORK_INTERFACES_PER_REGION,
  planQuotas,
  quotaWorkloadProblems,
  renderQuotaTable,
  type QuotaDeployment,
  type QuotaNeed,
  type QuotaWorkload,
  type ServiceQuotaId,
} from "./quotas";
export {
  planRows,
  renderJson,
  renderMarkdown,
  renderSummaryTable,
  renderTable,
  summaryRows,
  type PlanRow,
  type SummaryRow,
} from "./report";
export {
  CAPACITY_USAGE,
  CapacityUsageError,
  parseCapacityArgs,
  runCapacityCli,
  type CapacityArgs,
  type CapacityFormat,
  type CliIo,
} from "./cli";
