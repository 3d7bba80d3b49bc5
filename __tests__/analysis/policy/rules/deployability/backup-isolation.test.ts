/**
 * The backup-isolation deployability rules (SUMA-DEP-754 to 757): violating fixtures (a finding on
 * the named resource whose message says what is wrong) and compliant ones (none). Fixtures are
 * synthesized-JSON shaped stacks built in code; the default app is covered by the key-administration
 * and deployability runner tests, which run every rule over it.
 */
import {
  AirGappedCopyWithinRetention,
  AuroraAirGappedCopySameRegion,
  BACKUP_ISOLATION_DEPLOYABILITY_RULES,
  CrossAccountCopyPermitted,
} from "../../../../../analysis/policy/rules/deployability/backup-isolation";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { describeRuleFixtures } from "../../../../support/rule-fixtures";

type Resources = Record<string, Record<string, ResourceValues>>;
const stackIn = (resource: Resources, region = "us-east-1", account = "111111111111"): TerraformJson =>
  ({ provider: { aws: [{ region, allowed_account_ids: [account] }] }, resource }) as unknown as TerraformJson;
const policy = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

const LAG_REF = "${aws_backup_logically_air_gapped_vault.lag.arn}";
const lag = (values: ResourceValues = {}): Resources => ({
  aws_backup_logically_air_gapped_vault: {
    lag: { name: "acme-air-gapped", min_retention_days: 7, max_retention_days: 400, ...values },
  },
});
const plan = (destination: string, deleteAfter: number | null = 35): Resources => ({
  aws_backup_plan: {
    plan: {
      name: "acme-plan",
      rule: [
        {
          rule_name: "daily",
          lifecycle: { delete_after: 35 },
          copy_action: [
            {
              destination_vault_arn: destination,
              ...(deleteAfter === null ? {} : { lifecycle: { delete_after: deleteAfter } }),
            },
          ],
        },
      ],
    },
  },
});
const aurora: Resources = {
  aws_rds_cluster: { db: { engine: "aurora-postgresql", kms_key_id: "${aws_kms_key.data.arn}" } },
};
const check = (
  c: {
    checkApp: (app: {
      stacks: Record<string, TerraformJson>;
      dependencies: Record<string, string[]>;
    }) => readonly unknown[];
  },
  stacks: Record<string, TerraformJson>,
) => c.checkApp({ stacks, dependencies: {} });

describeRuleFixtures(BACKUP_ISOLATION_DEPLOYABILITY_RULES, {
  "SUMA-DEP-754": {
    violating: [
      {
        what: "no minimum",
        stack: stackIn(lag({ min_retention_days: undefined })),
        address: "aws_backup_logically_air_gapped_vault.lag",
        expect: /min_retention_days is missing/,
      },
      {
        what: "a minimum below 7",
        stack: stackIn(lag({ min_retention_days: 1 })),
        address: "aws_backup_logically_air_gapped_vault.lag",
        expect: /min_retention_days is 1; .* at least 7/,
      },
      {
        what: "no maximum",
        stack: stackIn(lag({ max_retention_days: undefined })),
        address: "aws_backup_logically_air_gapped_vault.lag",
        expect: /max_retention_days is missing/,
      },
      {
        what: "a maximum below the minimum",
        stack: stackIn(lag({ min_retention_days: 30, max_retention_days: 10 })),
        address: "aws_backup_logically_air_gapped_vault.lag",
        expect: /max_retention_days 10 is below min_retention_days 30/,
      },
    ],
    compliant: [{ what: "7 to 400 days", stack: stackIn(lag()) }],
  },
});

describe("SUMA-DEP-755: Aurora copies into an air-gapped vault stay in their region", () => {
  it("finds a copy into another region's air-gapped vault, by reference or by ARN", () => {
    expect(
      check(AuroraAirGappedCopySameRegion, {
        prod: stackIn({ ...aurora, ...lag({ region: "us-west-2" }), ...plan(LAG_REF) }),
      }),
    ).toEqual([
      {
        stack: "prod",
        address: "aws_backup_plan.plan",
        message: expect.stringMatching(
          /rule daily copies into the logically air-gapped vault .* in us-west-2, but the stack backs up aurora-postgresql in us-east-1: such copies can't cross regions/,
        ),
      },
    ]);
    const byArn = {
      prod: stackIn({ ...aurora, ...plan("arn:aws:backup:us-west-2:111111111111:backup-vault:acme-air-gapped") }),
      vaults: stackIn(lag(), "us-west-2"),
    };
    expect(check(AuroraAirGappedCopySameRegion, byArn)).toHaveLength(1);
  });

  it("accepts a same-region air-gapped vault, a cross-region standard vault, and a stack without Aurora", () => {
    expect(check(AuroraAirGappedCopySameRegion, { prod: stackIn({ ...aurora, ...lag(), ...plan(LAG_REF) }) })).toEqual(
      [],
    );
    expect(
      check(AuroraAirGappedCopySameRegion, {
        prod: stackIn({ ...aurora, ...plan("arn:aws:backup:us-west-2:111111111111:backup-vault:acme-dr") }),
      }),
    ).toEqual([]);
    expect(
      check(AuroraAirGappedCopySameRegion, { prod: stackIn({ ...lag({ region: "us-west-2" }), ...plan(LAG_REF) }) }),
    ).toEqual([]);
  });
});

describe("SUMA-DEP-757: copies fall within the air-gapped vault's retention range", () => {
  it("finds a copy kept longer than the maximum, shorter than the minimum, or without a lifecycle", () => {
    expect(check(AirGappedCopyWithinRetention, { prod: stackIn({ ...lag(), ...plan(LAG_REF, 500) }) })).toEqual([
      {
        stack: "prod",
        address: "aws_backup_plan.plan",
        message:
          "rule daily keeps its copies 500 days, outside the air-gapped vault's 7-400 days: every copy job fails",
      },
    ]);
    expect(
      check(AirGappedCopyWithinRetention, {
        prod: stackIn({ ...lag({ min_retention_days: 60 }), ...plan(LAG_REF, 35) }),
      }),
    ).toHaveLength(1);
    expect(check(AirGappedCopyWithinRetention, { prod: stackIn({ ...lag(), ...plan(LAG_REF, null) }) })).toEqual([
      { stack: "prod", address: "aws_backup_plan.plan", message: expect.stringMatching(/without a lifecycle/) },
    ]);
  });

  it("accepts a copy within the range", () => {
    expect(check(AirGappedCopyWithinRetention, { prod: stackIn({ ...lag(), ...plan(LAG_REF, 35) }) })).toEqual([]);
  });
});

describe("SUMA-DEP-756: a copy into another account has its vault policy and a usable key", () => {
  const BACKUP_ACCOUNT_VAULT = "arn:aws:backup:us-east-1:333333333333:backup-vault:acme-backup";
  const ownKey = (principal: string): Resources => ({
    aws_kms_key: {
      data: {
        policy: policy({
          Effect: "Allow",
          Principal: { AWS: principal },
          Action: ["kms:Decrypt", "kms:CreateGrant"],
          Resource: "*",
        }),
      },
    },
  });
  const backupAccount = (withPolicy: boolean): TerraformJson =>
    stackIn(
      {
        aws_backup_vault: { v: { name: "acme-backup" } },
        ...(withPolicy
          ? {
              aws_backup_vault_policy: {
                p: {
                  backup_vault_name: "${aws_backup_vault.v.name}",
                  policy: policy({
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111111111111:root" },
                    Action: "backup:CopyIntoBackupVault",
                    Resource: "*",
                  }),
                },
              },
            }
          : {}),
      },
      "us-east-1",
      "333333333333",
    );

  it("finds a destination vault without CopyIntoBackupVault for the source, and a data key the destination can't use", () => {
    const problems = check(CrossAccountCopyPermitted, {
      prod: stackIn({ ...aurora, ...ownKey("arn:aws:iam::111111111111:root"), ...plan(BACKUP_ACCOUNT_VAULT) }),
      backup: backupAccount(false),
    });
    expect(problems).toEqual([
      {
        stack: "prod",
        address: "aws_backup_plan.plan",
        message: expect.stringMatching(
          /copies into arn:aws:backup:us-east-1:333333333333:backup-vault:acme-backup \(backup\), whose access policy doesn't allow backup:CopyIntoBackupVault from account 111111111111/,
        ),
      },
      {
        stack: "prod",
        address: "aws_backup_plan.plan",
        message: expect.stringMatching(
          /copies into account 333333333333, but aws_rds_cluster\.db's key aws_kms_key\.data doesn't let that account use it/,
        ),
      },
    ]);
  });

  it("accepts a vault policy for the source account and a key shared with the destination, and ignores same-account copies", () => {
    expect(
      check(CrossAccountCopyPermitted, {
        prod: stackIn({ ...aurora, ...ownKey("arn:aws:iam::333333333333:root"), ...plan(BACKUP_ACCOUNT_VAULT) }),
        backup: backupAccount(true),
      }),
    ).toEqual([]);
    expect(
      check(CrossAccountCopyPermitted, {
        prod: stackIn({
          ...aurora,
          ...ownKey("arn:aws:iam::111111111111:root"),
          ...plan("arn:aws:backup:us-west-2:111111111111:backup-vault:acme-dr"),
        }),
      }),
    ).toEqual([]);
  });
});
