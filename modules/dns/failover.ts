import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { isLiteral, literalMismatch } from "../core/literal";
import { HOSTED_ZONE_ID } from "../core/patterns";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";

/** Lower-case DNS name of two labels or more, each 1-63 characters, optionally with a trailing dot. */
const DNS_NAME = /^(?=.{1,253}\.?$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/;
const SET_IDENTIFIER_MAX_LENGTH = 128;
/** Route 53 checks every 10 seconds (fast, billed extra) or every 30. */
export type HealthCheckIntervalSeconds = 10 | 30;

/** Defaults of the failover record pair's props (primary health check and set identifiers). */
export const FAILOVER_DEFAULTS = {
  /** Path the primary's HTTPS health check requests. */
  healthCheckPath: "/health",
  /** Port the primary's health check connects to. */
  healthCheckPort: 443,
  /** Consecutive failed checks before the primary is unhealthy. */
  failureThreshold: 3,
  /** Seconds between checks from each Route 53 checker. */
  requestIntervalSeconds: 30,
  /** Set identifier of the primary record. */
  primarySetIdentifier: "primary",
  /** Set identifier of the secondary record. */
  secondarySetIdentifier: "secondary",
} as const;

/** What both halves of a failover pair name: the record, and the load balancer it aliases. */
export interface FailoverRecordProps {
  /** The hosted zone holding the record. Both halves must use the same zone and record name. */
  readonly zoneId: string;
  /** Full record name, e.g. `prod.auth.example.com`. */
  readonly recordName: string;
  /** DNS name of the load balancer in this half's region. */
  readonly loadBalancerDnsName: string;
  /** Canonical hosted zone ID of that load balancer. */
  readonly loadBalancerZoneId: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

export interface PrimaryFailoverRecordProps extends FailoverRecordProps {
  /**
   * Path the health check requests over HTTPS. The request's Host header is the load balancer's DNS name,
   * so the listener must route this path without a host-header condition, and a WAF must let it through.
   * @default "/health"
   */
  readonly healthCheckPath?: string;
  /**
   * Port the Route 53 health check connects to over HTTPS.
   * @default 443
   */
  readonly healthCheckPort?: number;
  /**
   * Consecutive failed checks (1-10) before Route 53 marks the primary unhealthy and answers with the secondary.
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Seconds between checks from each checker: 10 (fast, billed extra) or 30.
   * @default 30
   */
  readonly requestIntervalSeconds?: HealthCheckIntervalSeconds;
  /**
   * Distinguishes this record from the secondary's (1-128 characters).
   * @default "primary"
   */
  readonly setIdentifier?: string;
}

export interface SecondaryFailoverRecordProps extends FailoverRecordProps {
  /**
   * The health check that decides whether Route 53 may answer with this record: the `healthCheckId` of
   * a failover gate (`AlarmFailoverGate`, `RoutingControlFailoverGate`) that is healthy only once an
   * operator opens it. Without one, Route 53 answers with the secondary whenever the primary is
   * unhealthy, whether or not the secondary region is ready (e.g. its database still read-only).
   */
  readonly healthCheckId: string;
  /**
   * Distinguishes this record from the primary's (1-128 characters).
   * @default "secondary"
   */
  readonly setIdentifier?: string;
}

/** The problems of the props both halves share, one `<prop>: <reason>` each. */
function failoverRecordProblems(props: FailoverRecordProps, setIdentifier: string): string[] {
  const problems: string[] = [];
  const problem = (prop: string, reason: string) => problems.push(`${prop}: ${reason}`);
  // Hosted zone IDs, e.g. `Z35SXDOTRQ7X7K` (load balancers' canonical zones look the same).
  if (literalMismatch(props.zoneId, HOSTED_ZONE_ID))
    problem("zoneId", `"${props.zoneId}" is not a hosted zone ID such as "Z0123456789ABCDEFGHIJ"`);
  if (literalMismatch(props.recordName, DNS_NAME)) {
    problem(
      "recordName",
      `"${props.recordName}" is not a lower-case DNS name such as "prod.auth.example.com" (labels of 1-63 a-z, 0-9 and "-", at most 253 characters)`,
    );
  }
  if (isLiteral(props.loadBalancerDnsName) && !DNS_NAME.test(props.loadBalancerDnsName.toLowerCase())) {
    problem("loadBalancerDnsName", `"${props.loadBalancerDnsName}" is not a DNS name`);
  }
  if (literalMismatch(props.loadBalancerZoneId, HOSTED_ZONE_ID)) {
    problem("loadBalancerZoneId", `"${props.loadBalancerZoneId}" is not a hosted zone ID such as "Z35SXDOTRQ7X7K"`);
  }
  if (isLiteral(setIdentifier) && (setIdentifier.length < 1 || setIdentifier.length > SET_IDENTIFIER_MAX_LENGTH)) {
    problem("setIdentifier", `must be 1 to ${SET_IDENTIFIER_MAX_LENGTH} characters (got ${setIdentifier.length})`);
  }
  return problems;
}

/** PrimaryFailoverRecordProps with defaults filled in. */
export type CheckedPrimaryFailoverRecordProps = WithDefaults<
  PrimaryFailoverRecordProps,
  "healthCheckPath" | "healthCheckPort" | "failureThreshold" | "requestIntervalSeconds" | "setIdentifier"
>;

function primaryWithDefaults(props: PrimaryFailoverRecordProps): CheckedPrimaryFailoverRecordProps {
  return {
    ...props,
    healthCheckPath: props.healthCheckPath ?? FAILOVER_DEFAULTS.healthCheckPath,
    healthCheckPort: props.healthCheckPort ?? FAILOVER_DEFAULTS.healthCheckPort,
    failureThreshold: props.failureThreshold ?? FAILOVER_DEFAULTS.failureThreshold,
    requestIntervalSeconds: props.requestIntervalSeconds ?? FAILOVER_DEFAULTS.requestIntervalSeconds,
    setIdentifier: props.setIdentifier ?? FAILOVER_DEFAULTS.primarySetIdentifier,
  };
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function primaryFailoverRecordProblems(props: PrimaryFailoverRecordProps): string[] {
  const {
    healthCheckPath: path,
    healthCheckPort: port,
    failureThreshold,
    requestIntervalSeconds,
    setIdentifier,
  } = primaryWithDefaults(props);
  const interval: number = requestIntervalSeconds;
  const problems = failoverRecordProblems(props, setIdentifier);
  if (!/^\/[^\s]*$/.test(path) || path.length > 255)
    problems.push(`healthCheckPath: "${path}" must start with "/", hold no spaces and be at most 255 characters`);
  if (notWholeNumberIn(port, 1, 65535))
    problems.push(`healthCheckPort: must be a whole number from 1 to 65535 (got ${port})`);
  if (notWholeNumberIn(failureThreshold, 1, 10))
    problems.push(`failureThreshold: must be a whole number from 1 to 10 (got ${failureThreshold})`);
  if (interval !== 10 && interval !== 30) problems.push(`requestIntervalSeconds: must be 10 or 30 (got ${interval})`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkPrimaryFailoverRecordProps(
  where: string,
  props: PrimaryFailoverRecordProps,
): CheckedPrimaryFailoverRecordProps {
  throwIfProblems(where, primaryFailoverRecordProblems(props));
  return primaryWithDefaults(props);
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function secondaryFailoverRecordProblems(props: SecondaryFailoverRecordProps): string[] {
  const problems = failoverRecordProblems(props, props.setIdentifier ?? FAILOVER_DEFAULTS.secondarySetIdentifier);
  if (isLiteral(props.healthCheckId) && !props.healthCheckId) {
    problems.push(
      "healthCheckId: is empty; give the secondary a failover gate's health check, or Route 53 fails over to it unchecked",
    );
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkSecondaryFailoverRecordProps(
  where: string,
  props: SecondaryFailoverRecordProps,
): WithDefaults<SecondaryFailoverRecordProps, "setIdentifier"> {
  throwIfProblems(where, secondaryFailoverRecordProblems(props));
  return { ...props, setIdentifier: props.setIdentifier ?? FAILOVER_DEFAULTS.secondarySetIdentifier };
}

function failoverRecord(
  scope: Construct,
  props: FailoverRecordProps,
  type: "PRIMARY" | "SECONDARY",
  setIdentifier: string,
  healthCheckId?: string,
): Route53Record {
  return new Route53Record(scope, "record", {
    zoneId: props.zoneId,
    name: props.recordName,
    type: "A",
    // evaluate_target_health: Route 53 also treats the alias as unhealthy when the load balancer has no
    // healthy targets, on top of the record's health check.
    alias: { name: props.loadBalancerDnsName, zoneId: props.loadBalancerZoneId, evaluateTargetHealth: true },
    failoverRoutingPolicy: { type },
    setIdentifier,
    healthCheckId,
    provider: props.provider,
  });
}

/**
 * The primary half of a DNS failover pair: an A alias to this region's load balancer, answered while
 * its HTTPS health check passes. Made in the primary region's stack; `SecondaryFailoverRecord` is the
 * other half, made in the DR stack with the same zone and record name.
 */
export class PrimaryFailoverRecord extends Construct {
  /** The HTTPS health check of the primary region's load balancer. */
  readonly healthCheck: Route53HealthCheck;
  /** Id of that health check, for alarms on its status. */
  readonly healthCheckId: string;
  /** The PRIMARY failover record. */
  readonly record: Route53Record;
  /** The record's fully qualified name: the hostname clients use. */
  readonly fqdn: string;

  constructor(scope: Construct, id: string, props: PrimaryFailoverRecordProps) {
    super(scope, id);
    const {
      healthCheckPath: path,
      healthCheckPort: port,
      failureThreshold,
      requestIntervalSeconds: interval,
      setIdentifier,
    } = checkPrimaryFailoverRecordProps(this.node.path, props);

    this.healthCheck = new Route53HealthCheck(this, "health-check", {
      type: "HTTPS",
      // The load balancer's own name, NOT recordName: once Route 53 has failed over, recordName resolves to
      // the secondary region, so a check on it would test the wrong region. It would pass while the primary
      // is still down, send traffic back to the broken primary, fail again, and flap.
      fqdn: props.loadBalancerDnsName,
      port,
      resourcePath: path,
      failureThreshold,
      requestInterval: interval,
      // SNI lets the load balancer choose its certificate for the handshake. Route 53 does not validate the
      // certificate, so its name need not match the load balancer's DNS name.
      enableSni: true,
      measureLatency: false,
      // regions left to Route 53's default set of checker regions.
      tags: { Name: `${props.recordName.replace(/\.$/, "")}-${setIdentifier}` },
      provider: props.provider,
    });
    this.healthCheckId = this.healthCheck.id;
    this.record = failoverRecord(this, props, "PRIMARY", setIdentifier, this.healthCheck.id);
    this.fqdn = this.record.fqdn;
  }
}

/**
 * The secondary half of a DNS failover pair: an A alias to the DR region's load balancer, answered
 * while the primary is unhealthy AND its own health check (a failover gate) is healthy. While the
 * gate is closed Route 53 keeps answering with the primary, healthy or not. Made in the DR stack with
 * the same zone and record name as the `PrimaryFailoverRecord`.
 */
export class SecondaryFailoverRecord extends Construct {
  /** The SECONDARY failover record. */
  readonly record: Route53Record;
  /** The record's fully qualified name: the hostname clients use. */
  readonly fqdn: string;

  constructor(scope: Construct, id: string, props: SecondaryFailoverRecordProps) {
    super(scope, id);
    const { setIdentifier } = checkSecondaryFailoverRecordProps(this.node.path, props);
    this.record = failoverRecord(this, props, "SECONDARY", setIdentifier, props.healthCheckId);
    this.fqdn = this.record.fqdn;
  }
}
