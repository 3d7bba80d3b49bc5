/**
 * ECR rules (analysis/policy/rules/ecr/), rule by rule: each rule runs over violating
 * fixtures (each must yield a finding on the named resource whose message says what is wrong)
 * and compliant fixtures (no finding). Fixtures are synthesized-JSON shaped stacks built in code.
 */
import { ECR_RULES } from "../../../../analysis/policy/rules/ecr";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  describeFixtureCoverage,
  describeRuleFixtures,
  ref,
  type Resources,
  type RuleFixtures,
  stackOf,
} from "../../../support/rule-fixtures";

const ecr = (overrides: ResourceValues = {}): Resources => ({
  aws_ecr_repository: {
    repo: {
      name: "app",
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "KMS", kms_key: ref("aws_kms_key.key", "arn") }],
      ...overrides,
    },
  },
});

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "SUMA-ECR-001": {
    violating: [
      {
        what: "mutable tags",
        stack: stackOf(ecr({ image_tag_mutability: "MUTABLE" })),
        address: "aws_ecr_repository.repo",
        expect: /image_tag_mutability is MUTABLE/,
      },
      {
        what: "the default",
        stack: stackOf(ecr({ image_tag_mutability: undefined })),
        address: "aws_ecr_repository.repo",
        expect: /AWS default MUTABLE/,
      },
    ],
    compliant: [{ what: "immutable tags", stack: stackOf(ecr()) }],
  },
  "SUMA-ECR-002": {
    violating: [
      {
        what: "no scanning",
        stack: stackOf(ecr({ image_scanning_configuration: { scan_on_push: false } })),
        address: "aws_ecr_repository.repo",
        expect: /scan_on_push is not true/,
      },
    ],
    compliant: [
      { what: "scan on push", stack: stackOf(ecr()) },
      {
        what: "registry-level enhanced scanning",
        stack: stackOf(ecr({ image_scanning_configuration: undefined }), {
          aws_ecr_registry_scanning_configuration: { registry: { scan_type: "ENHANCED" } },
        }),
      },
    ],
  },
  "SUMA-ECR-003": {
    violating: [
      {
        what: "AES256",
        stack: stackOf(ecr({ encryption_configuration: undefined })),
        address: "aws_ecr_repository.repo",
        expect: /encryption_type is unset/,
      },
      {
        what: "KMS with the AWS-managed key",
        stack: stackOf(ecr({ encryption_configuration: [{ encryption_type: "KMS" }] })),
        address: "aws_ecr_repository.repo",
        expect: /without kms_key/,
      },
    ],
    compliant: [{ what: "a customer-managed key", stack: stackOf(ecr()) }],
  },
};

describe("rules/ecr", () => {
  describeFixtureCoverage(ECR_RULES, FIXTURES);
  describeRuleFixtures(ECR_RULES, FIXTURES);
});
