/**
 * The apply-order checks: each names the stack and resource that uses something another stack
 * creates without being ordered after it, and is quiet once the dependency is declared.
 */
import { appliedBefore } from "../../../../../analysis/policy/rule-helpers";
import {
  CopyVaultCreatedFirst,
  GlobalClusterCreatedFirst,
  OidcProviderCreatedFirst,
  StateBucketCreatedFirst,
} from "../../../../../analysis/policy/rules/deployability/app-order";
import type { SynthesizedApp } from "../../../../../analysis/policy";
import type { TerraformJson } from "../../../../../analysis/policy/terraform-json";

const placed = (
  accountId: string,
  region: string,
  resource: Record<string, Record<string, Record<string, unknown>>> = {},
  extra: Record<string, unknown> = {},
): TerraformJson =>
  ({ provider: { aws: [{ region, allowed_account_ids: [accountId] }] }, resource, ...extra }) as TerraformJson;

const app = (stacks: Record<string, TerraformJson>, dependencies: Record<string, string[]>): SynthesizedApp => ({
  stacks,
  dependencies,
});

describe("appliedBefore", () => {
  it("follows dependencies transitively", () => {
    expect([...appliedBefore(app({}, { c: ["b"], b: ["a"], a: [] }), "c")].sort()).toEqual(["a", "b"]);
  });
});

describe("SUMA-DEP-601 global cluster created first", () => {
  const stacks = {
    prod: placed("222222222222", "us-east-1", {
      aws_rds_global_cluster: { g: { global_cluster_identifier: "app-prod-global" } },
    }),
    dr: placed("222222222222", "us-west-2", {
      aws_rds_cluster: { db: { global_cluster_identifier: "app-prod-global" } },
    }),
  };
  it("flags a secondary whose stack is not ordered after the global cluster's", () => {
    const problems = GlobalClusterCreatedFirst.checkApp(app(stacks, { prod: [], dr: [] }));
    expect(problems).toEqual([
      {
        stack: "dr",
        address: "aws_rds_cluster.db",
        message: expect.stringMatching(
          /global cluster "app-prod-global" is created by prod .*not among this stack's dependencies/,
        ),
      },
    ]);
  });
  it("passes once dr depends on prod, even through another stack", () => {
    expect(
      GlobalClusterCreatedFirst.checkApp(app({ ...stacks, mid: {} }, { prod: [], mid: ["prod"], dr: ["mid"] })),
    ).toEqual([]);
  });
});

describe("SUMA-DEP-602 copy vault created first", () => {
  const plan = (arn: string) => ({
    aws_backup_plan: { p: { rule: [{ rule_name: "daily", copy_action: [{ destination_vault_arn: arn }] }] } },
  });
  const vaultArn = "arn:aws:backup:us-west-2:222222222222:backup-vault:app-dr-vault";
  const stacks = {
    prod: placed("222222222222", "us-east-1", plan(vaultArn)),
    shared: placed("222222222222", "us-west-2", { aws_backup_vault: { v: { name: "app-dr-vault" } } }),
  };
  it("flags a plan copying into a vault created by a stack applied later", () => {
    expect(CopyVaultCreatedFirst.checkApp(app(stacks, { prod: [], shared: [] }))).toEqual([
      {
        stack: "prod",
        address: "aws_backup_plan.p",
        message: expect.stringMatching(/copy destination .*app-dr-vault is created by shared/),
      },
    ]);
  });
  it("flags a plan copying into a vault no stack creates", () => {
    expect(CopyVaultCreatedFirst.checkApp(app({ prod: stacks.prod }, { prod: [] }))).toEqual([
      {
        stack: "prod",
        address: "aws_backup_plan.p",
        message: expect.stringMatching(/which no stack of this app creates/),
      },
    ]);
  });
  it("does not match a vault of the same name in another region or account", () => {
    const elsewhere = {
      ...stacks,
      shared: placed("222222222222", "eu-west-1", { aws_backup_vault: { v: { name: "app-dr-vault" } } }),
    };
    expect(CopyVaultCreatedFirst.checkApp(app(elsewhere, { prod: ["shared"], shared: [] }))[0]?.message).toMatch(
      /no stack of this app creates/,
    );
  });
  it("passes when the plan's stack depends on the vault's", () => {
    expect(CopyVaultCreatedFirst.checkApp(app(stacks, { prod: ["shared"], shared: [] }))).toEqual([]);
  });
});

describe("SUMA-DEP-603 OIDC provider created first", () => {
  const trust = JSON.stringify({
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
      },
    ],
  });
  const stacks = {
    shared: placed("111111111111", "us-east-1", {
      aws_iam_openid_connect_provider: { p: { url: "https://token.actions.githubusercontent.com" } },
    }),
    dev: placed("111111111111", "us-east-1", { aws_iam_role: { deploy: { assume_role_policy: trust } } }),
  };
  it("flags a role trusting a provider created by a stack applied later", () => {
    expect(OidcProviderCreatedFirst.checkApp(app(stacks, { shared: [], dev: [] }))).toEqual([
      {
        stack: "dev",
        address: "aws_iam_role.deploy",
        message: expect.stringMatching(/OIDC provider .* is created by shared/),
      },
    ]);
  });
  it("passes when the role's stack depends on the provider's", () => {
    expect(OidcProviderCreatedFirst.checkApp(app(stacks, { shared: [], dev: ["shared"] }))).toEqual([]);
  });
});

describe("SUMA-DEP-604 state bucket created first", () => {
  const stacks = {
    state: placed("111111111111", "us-east-1", {
      aws_s3_bucket: { b: { bucket: "app-tfstate-111111111111-us-east-1" } },
    }),
    shared: placed(
      "111111111111",
      "us-east-1",
      {},
      { terraform: { backend: { s3: { bucket: "app-tfstate-111111111111-us-east-1" } } } },
    ),
  };
  it("flags a stack whose state bucket is created by a stack applied later", () => {
    expect(StateBucketCreatedFirst.checkApp(app(stacks, { state: [], shared: [] }))).toEqual([
      {
        stack: "shared",
        address: "terraform.backend.s3",
        message: expect.stringMatching(/state bucket .* is created by state/),
      },
    ]);
  });
  it("passes when the stack depends on the state stack", () => {
    expect(StateBucketCreatedFirst.checkApp(app(stacks, { state: [], shared: ["state"] }))).toEqual([]);
  });
});
