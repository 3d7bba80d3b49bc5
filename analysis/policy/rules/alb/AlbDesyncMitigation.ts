import type { PolicyRule } from "../../rule";
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES } from "../../rule-helpers";

/** Modes that block requests AWS classifies as ambiguous (HTTP desync). */
const SAFE_MODES = new Set(["defensive", "strictest"]);

/** Application Load Balancers mitigate HTTP desync. */
export const AlbDesyncMitigation: PolicyRule = {
  id: "SUMA-ALB-002",
  title: 'Application Load Balancers use desync mitigation mode "defensive" or "strictest"',
  severity: "error",
  controls: { pci: ["6.4.1"], soc2: ["CC6.6"], cis: [] },
  resourceTypes: [...LOAD_BALANCER_TYPES],
  rationale:
    'In "monitor" mode the load balancer forwards requests that can desynchronize it from its targets (request smuggling). ' +
    'Leave desyncMitigationMode unset (AWS defaults to "defensive") or set "strictest".',
  check: ({ values }) => {
    if (!isApplicationLoadBalancer(values)) return [];
    const mode = values.desync_mitigation_mode;
    if (mode === undefined || mode === null) return [];
    return SAFE_MODES.has(String(mode))
      ? []
      : [`desync_mitigation_mode is ${String(mode)}; set "defensive" or "strictest"`];
  },
};
