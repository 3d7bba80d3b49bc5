import { isLiteral } from "../core/literal";
import { cloudWatchRetentionProblem, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { throwIfProblems } from "../core/validation";
import { serviceScalingProblems } from "./autoscaling";
import { containerSpecProblems } from "./container";
import { deploymentProblems, resolveDeployment, type ResolvedCanary, type ResolvedRolling } from "./deployment";
import { fargateSizeProblem } from "./fargate-sizes";
import { rollbackThresholdProblems } from "./rollback-alarms";
import type { FargateServiceProps } from "./service";

/** FargateServiceProps with defaults filled in and the deployment strategy resolved. */
export type CheckedFargateServiceProps = Omit<FargateServiceProps, "deployment"> & {
  /** The deployment strategy with its defaults. */
  readonly deployment: ResolvedCanary | ResolvedRolling;
  /** Tasks the service starts with. */
  readonly desiredCount: number;
  /** Tasks every AZ keeps at minimum. */
  readonly minimumTasksPerAz: number;
  /** Days the service's log group keeps events. */
  readonly logRetentionDays: number;
  /** Whether the log group gets `lifecycle.prevent_destroy`. */
  readonly preventDestroy: boolean;
  /** True when the task size comes from Terraform variables: Terraform checks it at plan time instead. */
  readonly sizeAtPlanTime: boolean;
};

function sizeAtPlanTime(props: FargateServiceProps): boolean {
  return !isLiteral(props.size.cpu) || !isLiteral(props.size.memoryMiB);
}

/** Every problem of the props, each naming the prop path; empty when they are valid. */
export function fargateServiceProblems(props: FargateServiceProps): string[] {
  const problems: string[] = [];
  // A size from Terraform variables is checked by Terraform at plan time (fargateSizePrecondition).
  const sizeProblem = sizeAtPlanTime(props) ? undefined : fargateSizeProblem(props.size);
  if (sizeProblem) problems.push(`size: ${sizeProblem}`);
  problems.push(...containerSpecProblems(props.container), ...deploymentProblems(props.deployment));
  const { minCount, maxCount } = props.scaling;
  const desired = props.scaling.desiredCount ?? minCount;
  const perAz = props.minimumTasksPerAz ?? 1;
  if (!Number.isInteger(minCount) || minCount < 0)
    problems.push(`scaling.minCount must be a whole number of at least 0 (got ${minCount})`);
  if (minCount === 0 && perAz !== 0) problems.push("scaling.minCount 0 (a pilot light) needs minimumTasksPerAz: 0");
  if (!(maxCount >= 1)) problems.push(`scaling.maxCount must be at least 1 (got ${maxCount})`);
  if (!(maxCount >= minCount)) problems.push(`scaling.maxCount (${maxCount}) must be at least minCount (${minCount})`);
  if (!(desired >= minCount && desired <= maxCount))
    problems.push(`scaling.desiredCount (${desired}) must be between minCount and maxCount`);
  if (isLiteral(props.subnetIds) && minCount < props.subnetIds.length * perAz) {
    problems.push(
      `scaling.minCount (${minCount}) must be at least ${perAz} per AZ x ${props.subnetIds.length} AZs = ${props.subnetIds.length * perAz}, so losing an AZ leaves tasks in the others`,
    );
  }
  problems.push(...serviceScalingProblems(props.scaling).map((problem) => `scaling.${problem}`));
  problems.push(
    ...rollbackThresholdProblems(props.rollbackThresholds).map((problem) => `rollbackThresholds.${problem}`),
  );
  if (props.enableExecuteCommand && !props.cluster.executeCommand)
    problems.push("enableExecuteCommand needs a cluster with executeCommand logging configured");
  const retention = cloudWatchRetentionProblem(
    "logs.retentionInDays",
    props.logs.retentionInDays ?? PCI_LOG_RETENTION_DAYS,
  );
  if (retention) problems.push(retention);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkFargateServiceProps(where: string, props: FargateServiceProps): CheckedFargateServiceProps {
  throwIfProblems(where, fargateServiceProblems(props));
  return {
    ...props,
    deployment: resolveDeployment(props.deployment),
    desiredCount: props.scaling.desiredCount ?? props.scaling.minCount,
    minimumTasksPerAz: props.minimumTasksPerAz ?? 1,
    logRetentionDays: props.logs.retentionInDays ?? PCI_LOG_RETENTION_DAYS,
    preventDestroy: props.preventDestroy ?? true,
    sizeAtPlanTime: sizeAtPlanTime(props),
  };
}
