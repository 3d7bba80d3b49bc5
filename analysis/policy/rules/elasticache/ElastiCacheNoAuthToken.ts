import type { PolicyRule } from "../../rule";
import { isSet } from "../../terraform-json";
import { isToken } from "../../rule-helpers";

/** The cache authenticates users through RBAC user groups, not a shared AUTH token in Terraform. */
export const ElastiCacheNoAuthToken: PolicyRule = {
  id: "SUMA-CACHE-004",
  title: "ElastiCache replication group has no AUTH token in Terraform",
  severity: "error",
  controls: { pci: ["8.3.2", "8.6.2"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_elasticache_replication_group"],
  rationale:
    "auth_token is one shared password for every client. Written as a literal it sits in the repository; passed by reference it " +
    "still lands in Terraform state in clear text, and rotating it means a coordinated redeploy. RBAC user groups with IAM " +
    "authentication give each client its own identity and short-lived tokens. " +
    'Fix: remove authToken and set userGroupIds to an aws_elasticache_user_group whose users use authenticationMode { type: "iam" }.',
  check: ({ values }) => {
    const token = values.auth_token;
    if (!isSet(token)) return [];
    return isToken(token)
      ? [
          "auth_token is set from a reference, which still stores the shared password in Terraform state; remove authToken and use userGroupIds with IAM-authenticated users",
        ]
      : [
          "auth_token is a literal password in the configuration; remove authToken and use userGroupIds with IAM-authenticated users",
        ];
  },
};
