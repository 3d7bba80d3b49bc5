import { Token } from "cdktf";
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

export const DEFAULT_SSL_POLICY: (typeof ALB_TLS_POLICIES)[number] = "ELBSecurityPolicy-TLS13-1-2-2021-06";

const DESYNC_MODES = ["defensive", "strictest"] as const;

/** The props after defaults, as the construct uses them. */
export interface CheckedLoadBalancerProps {
  readonly internal: boolean;
  readonly ingressCidrs: readonly string[];
  readonly desyncMitigationMode: (typeof DESYNC_MODES)[number];
  readonly idleTimeoutSeconds: number;
}

/** Applies defaults and throws `<where>: <prop> ...` for the first invalid prop. */
export function checkLoadBalancerProps(where: string, props: ApplicationLoadBalancerProps): CheckedLoadBalancerProps {
  const fail = (message: string): never => {
    throw new Error(`${where}: ${message}`);
  };
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(props.name) || /^(internal-|sg-)/.test(props.name)) {
    fail(`name "${props.name}" must be lower-case letters, digits and "-", not start or end with "-", and not start with "internal-" or "sg-"`);
  }
  if (!Token.isUnresolved(props.subnetIds)) {
    if (props.subnetIds.length < 2) fail(`subnetIds must name at least 2 subnets in different AZs (got ${props.subnetIds.length}); an ALB requires two AZs`);
    const literal = props.subnetIds.filter((s) => !Token.isUnresolved(s));
    if (new Set(literal).size !== literal.length) fail(`subnetIds repeat a subnet: ${literal.join(", ")}`);
  }

  const internal = props.internal ?? false;
  if (internal && props.ingressCidrs === undefined) fail("ingressCidrs is required when internal is true (there is no safe default inside a network)");
  const ingressCidrs = props.ingressCidrs ?? ["0.0.0.0/0"];
  if (Token.isUnresolved(ingressCidrs)) fail("ingressCidrs must be a list written out in code (one rule is made per CIDR), not a list token");
  if (ingressCidrs.length === 0) fail("ingressCidrs must name at least one CIDR");
  for (const cidr of ingressCidrs) {
    if (!Token.isUnresolved(cidr) && !isIpv4Cidr(cidr)) fail(`ingressCidrs entry "${cidr}" is not an IPv4 CIDR such as "10.0.0.0/16"`);
  }
  const literalCidrs = ingressCidrs.filter((c) => !Token.isUnresolved(c));
  if (new Set(literalCidrs).size !== literalCidrs.length) fail(`ingressCidrs repeat a CIDR: ${literalCidrs.join(", ")}`);

  if (!Token.isUnresolved(props.certificateArn) && !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(props.certificateArn)) {
    fail(`certificateArn "${props.certificateArn}" is not an ACM certificate ARN`);
  }
  const sslPolicy = props.sslPolicy ?? DEFAULT_SSL_POLICY;
  if (!(ALB_TLS_POLICIES as readonly string[]).includes(sslPolicy)) {
    fail(`sslPolicy "${sslPolicy}" is not allowed; use one of ${ALB_TLS_POLICIES.join(", ")}`);
  }
  const desyncMitigationMode = props.desyncMitigationMode ?? "strictest";
  if (!(DESYNC_MODES as readonly string[]).includes(desyncMitigationMode)) {
    fail(`desyncMitigationMode must be "defensive" or "strictest" (got "${String(desyncMitigationMode)}")`);
  }
  const idleTimeoutSeconds = props.idleTimeoutSeconds ?? 60;
  if (!Number.isInteger(idleTimeoutSeconds) || idleTimeoutSeconds < 1 || idleTimeoutSeconds > 4000) {
    fail(`idleTimeoutSeconds must be a whole number from 1 to 4000 (got ${idleTimeoutSeconds})`);
  }
  const retention = props.accessLogs.retentionDays;
  if (retention !== undefined && (!Number.isInteger(retention) || retention < 1)) {
    fail(`accessLogs.retentionDays must be a whole number of days above 0 (got ${retention})`);
  }
  return { internal, ingressCidrs, desyncMitigationMode, idleTimeoutSeconds };
}
