import type { PolicyRule } from "../../rule";

/**
 * ELB security policies accepted for HTTPS and TLS listeners: TLS 1.2 or later with forward-secret
 * AEAD ciphers only (no CBC "Ext" policies), including FIPS and post-quantum variants.
 */
export const APPROVED_TLS_POLICIES: readonly string[] = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
];

const APPROVED = new Set(APPROVED_TLS_POLICIES);

/** HTTPS and TLS listeners negotiate TLS 1.2+ with strong ciphers. */
export const ListenerTlsPolicyApproved: PolicyRule = {
  id: "SUMA-ALB-004",
  title: "HTTPS and TLS listeners use an approved TLS 1.2+ security policy",
  severity: "error",
  controls: { pci: ["4.2.1"], soc2: ["CC6.7"], cis: [] },
  resourceTypes: ["aws_lb_listener", "aws_alb_listener"],
  rationale:
    "The security policy fixes the TLS versions and cipher suites offered to clients. Without one AWS uses " +
    "ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 and 1.1. Set sslPolicy to one of the approved policies " +
    `(${APPROVED_TLS_POLICIES.slice(0, 3).join(", ")}, ...).`,
  check: ({ values }) => {
    const protocol = String(values.protocol ?? "").toUpperCase();
    if (protocol !== "HTTPS" && protocol !== "TLS") return [];
    const policy = values.ssl_policy;
    if (policy === undefined || policy === null)
      return ["ssl_policy is not set, so AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0+)"];
    return APPROVED.has(String(policy)) ? [] : [`ssl_policy ${String(policy)} is not an approved TLS 1.2+ policy`];
  },
};
