import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { awsContext } from "../core/aws-context";
import { isLiteral } from "../core/literal";
import { throwIfProblems } from "../core/validation";
import { alarmArguments, alarmDefinitionProblem } from "./alarm-definition";
import {
  healthAlarmDefinitions,
  type CoreHealthAlarmId,
  type HealthAlarmDefinition,
  type OptionalHealthAlarmId,
} from "./health-definitions";
import {
  healthThresholdProblems,
  resolveHealthThresholds,
  type HealthThresholds,
  type ResolvedHealthThresholds,
} from "./health-thresholds";
import type { AlarmTopics, MonitoredResources } from "./targets";

/** Props of `ServiceHealthAlarms`: the resources to watch, the topics, and threshold overrides. */
export interface ServiceHealthAlarmsProps {
  /** What to watch; `resources.name` prefixes every alarm name. */
  readonly resources: MonitoredResources;
  /** Topics of the `page` and `ticket` severities. */
  readonly topics: AlarmTopics;
  /** Overrides of single thresholds. @default DEFAULT_HEALTH_THRESHOLDS (each documented on HealthThresholds) */
  readonly thresholds?: HealthThresholds;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The metric alarms by id: the core ones always exist, the others only for the resources monitored. */
export type HealthAlarmsById = { readonly [K in CoreHealthAlarmId]: CloudwatchMetricAlarm } & {
  readonly [K in OptionalHealthAlarmId]?: CloudwatchMetricAlarm;
};

/** Renders `ALARM("a") OR ALARM("b") ...`. */
export function anyAlarmRule(alarmNames: readonly string[]): string {
  return alarmNames.map((n) => `ALARM("${n}")`).join(" OR ");
}

/**
 * Resource-level health alarms for one service: load balancer, ECS service, and, when given,
 * Aurora, cache nodes, NAT gateways and the WAF ACL. Every alarm notifies the topic of its
 * severity on ALARM and on OK. The availability alarms (5xx rates, unhealthy hosts, too few
 * tasks) also feed one composite `<name>-service-unavailable` that pages.
 *
 * @example
 * ```ts
 * new ServiceHealthAlarms(this, "health", {
 *   resources: {
 *     name: "acme-prod",
 *     loadBalancer: { arnSuffix: "app/acme-prod/0123456789abcdef", targetGroupArnSuffixes: ["targetgroup/acme-prod/0123456789abcdef"] },
 *     service: { clusterName: "acme-prod", serviceName: "acme-prod-auth" },
 *     natGatewayIds: ["nat-0123456789abcdef0"],
 *   },
 *   topics: { page: pageTopicArn, ticket: ticketTopicArn },
 * });
 * ```
 */
export class ServiceHealthAlarms extends Construct {
  /** Every metric alarm, in the order of the definitions. */
  readonly alarms: CloudwatchMetricAlarm[] = [];
  /** Names of the metric alarms, in the order of the definitions (for dashboards and rollback). */
  readonly alarmNames: string[] = [];
  /** The metric alarms by id, e.g. `byId["target-5xx-rate"]`. */
  readonly byId: HealthAlarmsById;
  /** The definitions the alarms were made from. */
  readonly definitions: readonly HealthAlarmDefinition[];
  /** The thresholds in use: the defaults with the overrides applied. */
  readonly thresholds: ResolvedHealthThresholds;
  /** `<name>-service-unavailable`: OR of the availability alarms, notifying `topics.page`. */
  readonly compositeAlarm: CloudwatchCompositeAlarm;

  constructor(scope: Construct, id: string, props: ServiceHealthAlarmsProps) {
    super(scope, id);
    const where = this.node.path;
    const { resources, topics, provider } = checkServiceHealthAlarmsProps(where, props);
    this.thresholds = resolveHealthThresholds(where, props.thresholds);
    this.definitions = healthAlarmDefinitions(resources, this.thresholds, awsContext(this, provider).region);
    // The definitions are derived from checked props; this guards the derivation itself.
    throwIfProblems(
      where,
      this.definitions.flatMap((def) => {
        const problem = alarmDefinitionProblem(def);
        return problem ? [`alarm ${def.id}: ${problem}`] : [];
      }),
    );

    const byId: Record<string, CloudwatchMetricAlarm> = {};
    for (const def of this.definitions) {
      const topic = topics[def.severity];
      const alarm = new CloudwatchMetricAlarm(this, def.id, {
        ...alarmArguments(def),
        alarmName: `${resources.name}-${def.id}`,
        alarmActions: [topic],
        okActions: [topic],
        provider,
      });
      this.alarms.push(alarm);
      this.alarmNames.push(`${resources.name}-${def.id}`);
      byId[def.id] = alarm;
    }
    // Every core id is made unconditionally by healthAlarmDefinitions.
    this.byId = byId as HealthAlarmsById;

    const members = this.definitions.filter((d) => d.availability);
    this.compositeAlarm = new CloudwatchCompositeAlarm(this, "service-unavailable", {
      alarmName: `${resources.name}-service-unavailable`,
      alarmDescription: `${resources.name} is failing its users: ${members.map((d) => d.id).join(", ")}. The member alarms carry the detail`,
      // Literal names keep the rule readable; depends_on orders the members first.
      alarmRule: anyAlarmRule(members.map((d) => `${resources.name}-${d.id}`)),
      alarmActions: [topics.page],
      okActions: [topics.page],
      dependsOn: members.map((d) => byId[d.id]!),
      provider,
    });
  }
}

function resourceProblems(r: MonitoredResources): string[] {
  const problems: string[] = [];
  if (isLiteral(r.name) && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(r.name))
    problems.push(`resources.name: "${r.name}" must be 1-200 letters, digits, ".", "_" or "-"`);
  if (r.loadBalancer.arnSuffix === "") problems.push("resources.loadBalancer.arnSuffix: must not be empty");
  if (r.cache && !(Number.isInteger(r.cache.nodeCount) && r.cache.nodeCount >= 1 && r.cache.nodeCount <= 6)) {
    problems.push(
      `resources.cache.nodeCount: must be a whole number from 1 to 6, a primary and up to 5 replicas (got ${r.cache.nodeCount})`,
    );
  }
  const duplicates = (list: readonly string[]) => list.filter((v, i) => list.indexOf(v) !== i);
  const tg = duplicates(r.loadBalancer.targetGroupArnSuffixes);
  if (tg.length > 0) problems.push(`resources.loadBalancer.targetGroupArnSuffixes: ${tg.join(", ")} listed twice`);
  const nat = duplicates(r.natGatewayIds);
  if (nat.length > 0) problems.push(`resources.natGatewayIds: ${nat.join(", ")} listed twice`);
  return problems;
}

/** Every problem of the props, each naming the prop path; empty when they are valid. */
export function serviceHealthAlarmsProblems(props: ServiceHealthAlarmsProps): string[] {
  return [...resourceProblems(props.resources), ...healthThresholdProblems(props.thresholds)];
}

/** Throws one PropsError with every problem of the props; returns them unchanged (the thresholds resolve with `resolveHealthThresholds`). */
export function checkServiceHealthAlarmsProps(
  where: string,
  props: ServiceHealthAlarmsProps,
): ServiceHealthAlarmsProps {
  throwIfProblems(where, serviceHealthAlarmsProblems(props));
  return props;
}
