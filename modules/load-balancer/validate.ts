import { isLiteral, literalMismatch } from "../core/literal";
import { ACM_CERTIFICATE_ARN } from "../core/patterns";
import { notWholeNumberIn, throwIfProblems } from "../core/validation";
import { isIpv4Cidr } from "../network/cidr";
import type { ApplicationLoadBalancerProps } from "./load-balancer";

/** TLS policies the HTTPS listener may use: TLS 1.2 minimum with TLS 1.3, or TLS 1.3 only (FIPS variants included). */
export const ALB_TLS_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
] as const;

/** TLS policy of the HTTPS listener when none is given: TLS 1.3 and TLS 1.2 (AWS's recommended policy). */
export const DEFAULT_SSL_POLICY: (typeof ALB_TLS_POLICIES)[number] = "ELBSecurityPolicy-TLS13-1-2-2021-06";

const DESYNC_MODES = ["defensive", "strictest"] as const;

/** The props after defaults, as the construct uses them. */
export interface CheckedLoadBalancerProps {
  /** Whether the load balancer is reachable only from inside the network. */
  readonly internal: boolean;
  /** CIDRs admitted on 443 and 80. */
  readonly ingressCidrs: readonly string[];
  /** How the load balancer treats requests that could desync it from its targets. */
  readonly desyncMitigationMode: (typeof DESYNC_MODES)[number];
  /** Seconds an idle connection stays open. */
  readonly idleTimeoutSeconds: number;
}

function withDefaults(props: ApplicationLoadBalancerProps): CheckedLoadBalancerProps {
  return {
    internal: props.internal ?? false,
    ingressCidrs: props.ingressCidrs ?? ["0.0.0.0/0"],
    desyncMitigationMode: props.desyncMitigationMode ?? "strictest",
    idleTimeoutSeconds: props.idleTimeoutSeconds ?? 60,
  };
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function loadBalancerProblems(props: ApplicationLoadBalancerProps): string[] {
  const problems: string[] = [];
  const { internal, ingressCidrs, desyncMitigationMode, idleTimeoutSeconds } = withDefaults(props);
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(props.name) || /^(internal-|sg-)/.test(props.name)) {
    problems.push(
      `name "${props.name}" must be lower-case letters, digits and "-", not start or end with "-", and not start with "internal-" or "sg-"`,
    );
  }
  if (isLiteral(props.subnetIds)) {
    if (props.subnetIds.length < 2)
      problems.push(
        `subnetIds must name at least 2 subnets in different AZs (got ${props.subnetIds.length}); an ALB requires two AZs`,
      );
    const literal = props.subnetIds.filter(isLiteral);
    if (new Set(literal).size !== literal.length) problems.push(`subnetIds repeat a subnet: ${literal.join(", ")}`);
  }
  if (internal && props.ingressCidrs === undefined)
    problems.push("ingressCidrs is required when internal is true (there is no safe default inside a network)");
  if (!isLiteral(ingressCidrs)) {
    problems.push("ingressCidrs must be a list written out in code (one rule is made per CIDR), not a list token");
  } else {
    if (ingressCidrs.length === 0) problems.push("ingressCidrs must name at least one CIDR");
    for (const cidr of ingressCidrs) {
      if (isLiteral(cidr) && !isIpv4Cidr(cidr))
        problems.push(`ingressCidrs entry "${cidr}" is not an IPv4 CIDR such as "10.0.0.0/16"`);
    }
    const literalCidrs = ingressCidrs.filter(isLiteral);
    if (new Set(literalCidrs).size !== literalCidrs.length)
      problems.push(`ingressCidrs repeat a CIDR: ${literalCidrs.join(", ")}`);
  }
  if (literalMismatch(props.certificateArn, ACM_CERTIFICATE_ARN))
    problems.push(`certificateArn "${props.certificateArn}" is not an ACM certificate ARN`);
  const sslPolicy = props.sslPolicy ?? DEFAULT_SSL_POLICY;
  if (!(ALB_TLS_POLICIES as readonly string[]).includes(sslPolicy)) {
    problems.push(`sslPolicy "${sslPolicy}" is not allowed; use one of ${ALB_TLS_POLICIES.join(", ")}`);
  }
  if (!(DESYNC_MODES as readonly string[]).includes(desyncMitigationMode)) {
    problems.push(`desyncMitigationMode must be "defensive" or "strictest" (got "${String(desyncMitigationMode)}")`);
  }
  if (notWholeNumberIn(idleTimeoutSeconds, 1, 4000))
    problems.push(`idleTimeoutSeconds must be a whole number from 1 to 4000 (got ${idleTimeoutSeconds})`);
  const retention = props.accessLogs.retentionDays;
  if (retention !== undefined && (!Number.isInteger(retention) || retention < 1)) {
    problems.push(`accessLogs.retentionDays must be a whole number of days above 0 (got ${retention})`);
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkLoadBalancerProps(where: string, props: ApplicationLoadBalancerProps): CheckedLoadBalancerProps {
  throwIfProblems(where, loadBalancerProblems(props));
  return withDefaults(props);
}
