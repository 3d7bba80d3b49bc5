import type { DeployabilityRule } from "../../../rule";
import type { ResourceValues } from "../../../terraform-json";

/** Every write-only argument (`*_wo`) set on the resource. */
function writeOnlyArguments(values: ResourceValues): string[] {
  return Object.keys(values).filter((key) => key.endsWith("_wo") && values[key] !== undefined && values[key] !== null);
}

/** True when the constraint admits no Terraform below 1.11 (`>= 1.11`, `>= 1.12.0`, `~> 1.11`, `> 1.11`, `>= 2`). */
export function requiresTerraform111(constraint: unknown): boolean {
  if (typeof constraint !== "string") return false;
  return constraint.split(",").some((part) => {
    const match = /^\s*(>=|~>|>)\s*(\d+)(?:\.(\d+))?/.exec(part);
    if (!match) return false;
    const major = Number(match[2]);
    const minor = Number(match[3] ?? 0);
    return major > 1 || (major === 1 && minor >= 11);
  });
}

export const WriteOnlyNeedsTerraform111: DeployabilityRule = {
  id: "SUMA-DEP-204",
  title: "A stack using write-only arguments or ephemeral resources requires Terraform 1.11 or later",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster", "aws_secretsmanager_secret_version", "aws_db_instance"],
  constraint:
    "Write-only arguments need Terraform 1.11 or later (ephemeral resources 1.10); an older Terraform rejects the configuration, " +
    "so the stack must state required_version to fail with a clear message instead.",
  source: {
    title: "Terraform language: Use temporary write-only arguments, Requirements",
    url: "https://developer.hashicorp.com/terraform/language/manage-sensitive-data/write-only",
  },
  rationale:
    "Whoever runs the first apply with an older Terraform gets a parse error deep in the plan, or, worse, an older tool that ignores the " +
    'block. Fix: set terraform.required_version to ">= 1.11.0" in the stack (EphemeralRandomPassword does).',
  check: ({ values, stack }) => {
    const arguments_ = writeOnlyArguments(values);
    if (arguments_.length === 0) return [];
    const required = (stack as { terraform?: { required_version?: unknown } }).terraform?.required_version;
    return requiresTerraform111(required)
      ? []
      : [
          `${arguments_.join(", ")} is write-only, which needs Terraform >= 1.11, but the stack's terraform.required_version is ${required === undefined ? "unset" : JSON.stringify(required)}; set ">= 1.11.0"`,
        ];
  },
};
