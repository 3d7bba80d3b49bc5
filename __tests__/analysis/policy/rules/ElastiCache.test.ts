/**
 * ElastiCache rules (analysis/policy/rules/elasticache/), rule by rule: every rule runs over violating
 * fixtures (each must yield a problem that says what is wrong and how to fix it) and compliant
 * fixtures (no problems). Fixtures are synthesized-JSON shaped objects built in code.
 */
import { ELASTICACHE_RULES } from "../../../../analysis/policy/rules/elasticache";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  describeFixtureCoverage,
  describeSubjectFixtures,
  type SubjectFixtures,
  without,
} from "../../../support/rule-fixtures";

const cache: ResourceValues = {
  at_rest_encryption_enabled: "true",
  kms_key_id: "${aws_kms_key.data.arn}",
  transit_encryption_enabled: true,
  transit_encryption_mode: "required",
  automatic_failover_enabled: true,
  multi_az_enabled: true,
  num_cache_clusters: 3,
  snapshot_retention_limit: 7,
  user_group_ids: ["${aws_elasticache_user_group.users.user_group_id}"],
};

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, SubjectFixtures>> = {
  "SUMA-CACHE-001": {
    violating: [
      {
        what: "at-rest encryption off",
        values: { ...cache, at_rest_encryption_enabled: "false" },
        expect: /at_rest_encryption_enabled is "false"/,
      },
      { what: "no customer-managed key", values: without(cache, "kms_key_id"), expect: /kms_key_id is not set/ },
    ],
    compliant: [
      { what: 'the binding\'s "true" string', values: cache },
      { what: "a boolean true", values: { ...cache, at_rest_encryption_enabled: true } },
    ],
  },
  "SUMA-CACHE-002": {
    violating: [
      {
        what: "TLS off",
        values: { ...without(cache, "transit_encryption_mode"), transit_encryption_enabled: false },
        expect: /transit_encryption_enabled is false/,
      },
      {
        what: "preferred mode",
        values: { ...cache, transit_encryption_mode: "preferred" },
        expect: /transitEncryptionMode: "required"/,
      },
      {
        what: "mode left to AWS",
        values: without(cache, "transit_encryption_mode"),
        expect: /transit_encryption_mode is unset/,
      },
    ],
    compliant: [{ what: "TLS required", values: cache }],
  },
  "SUMA-CACHE-003": {
    violating: [
      {
        what: "replicas without failover",
        values: { ...cache, num_cache_clusters: 2, automatic_failover_enabled: false },
        expect: /automaticFailoverEnabled: true/,
      },
      { what: "replicas without Multi-AZ", values: without(cache, "multi_az_enabled"), expect: /multiAzEnabled: true/ },
    ],
    compliant: [
      { what: "three nodes across AZs", values: cache },
      {
        what: "a single development node",
        values: { ...cache, num_cache_clusters: 1, automatic_failover_enabled: false, multi_az_enabled: false },
      },
    ],
  },
  "SUMA-CACHE-004": {
    violating: [
      {
        what: "a literal AUTH token",
        values: { ...cache, auth_token: "a-very-long-shared-token-123" },
        expect: /auth_token is a literal password/,
      },
      {
        what: "a token from a reference",
        values: { ...cache, auth_token: "${random_password.cache.result}" },
        expect: /still stores the shared password in Terraform state/,
      },
    ],
    compliant: [{ what: "RBAC user groups", values: cache }],
  },
  "SUMA-CACHE-005": {
    violating: [
      {
        what: "retention 0",
        values: { ...cache, snapshot_retention_limit: 0 },
        expect: /snapshot_retention_limit is 0/,
      },
      {
        what: "retention unset (AWS default 0)",
        values: without(cache, "snapshot_retention_limit"),
        expect: /snapshotRetentionLimit to at least 1/,
      },
    ],
    compliant: [
      { what: "7 days", values: cache },
      { what: "1 day (development)", values: { ...cache, snapshot_retention_limit: 1 } },
    ],
  },
};

describe("rules/elasticache", () => {
  describeFixtureCoverage(ELASTICACHE_RULES, FIXTURES);
  describeSubjectFixtures(ELASTICACHE_RULES, FIXTURES);
});
