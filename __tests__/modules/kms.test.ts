import { TerraformVariable } from "cdktf";
import { EncryptionKey, type KeyUsage } from "../../modules/kms";
import { only, policyOf, synthConstruct } from "../support/stack-json";

describe("EncryptionKey", () => {
  const stack = synthConstruct(
    (scope) =>
      new EncryptionKey(scope, "logs", {
        alias: "acme-logs",
        description: "logs",
        serviceGrants: [{ service: "cloudwatch-logs" }],
      }),
  );

  it("rotates yearly, waits 30 days before deletion and is protected from destroy", () => {
    expect(only(stack, "aws_kms_key").values).toMatchObject({
      enable_key_rotation: true,
      rotation_period_in_days: 365,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("gets an alias", () => {
    expect(only(stack, "aws_kms_alias").values.name).toBe("alias/acme-logs");
  });

  it("lets CloudWatch Logs use it only for this account's log groups in this region", () => {
    const statements = policyOf(only(stack, "aws_kms_key")).Statement;
    expect(statements.map((s) => s.Sid)).toEqual([
      "AccountAdministersKeyThroughIam",
      "CloudWatchLogsEncryptsThisAccountsLogGroups",
    ]);
    const logs = statements[1]!;
    expect(logs.Principal).toEqual({
      Service: expect.stringMatching(
        /^logs\.\$\{data\.aws_region\..+\.region\}\.\$\{data\.aws_partition\..+\.dns_suffix\}$/,
      ),
    });
    expect(logs).toMatchObject({
      Effect: "Allow",
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
    });
    expect(JSON.stringify(logs.Condition)).toMatch(/kms:EncryptionContext:aws:logs:arn.*log-group:\*/);
    expect(statements[0]).toMatchObject({
      Effect: "Allow",
      Principal: { AWS: expect.stringMatching(/:root$/) },
      Action: "kms:*",
      Resource: "*",
    });
  });

  it("grants no service when none is named", () => {
    const bare = synthConstruct((scope) => new EncryptionKey(scope, "k", { alias: "acme-data", description: "data" }));
    expect(policyOf(only(bare, "aws_kms_key")).Statement).toHaveLength(1);
  });

  it.each([
    [{ deletionWindowInDays: 5 }, "deletionWindowInDays must be a whole number from 7 to 30 (got 5)"],
    [{ rotationPeriodInDays: 30 }, "rotationPeriodInDays must be a whole number from 90 to 2560 (got 30)"],
    [{ alias: "aws/ebs" }, 'alias "aws/ebs" must be'],
  ])("rejects %p", (props, message) => {
    expect(() =>
      synthConstruct((scope) => new EncryptionKey(scope, "k", { alias: "ok", description: "d", ...props })),
    ).toThrow(message);
  });
});

describe("EncryptionKey used only through services", () => {
  const stack = synthConstruct(
    (scope) =>
      new EncryptionKey(scope, "data", {
        alias: "acme-data",
        description: "data",
        usage: { kind: "via-services", services: ["rds", "elasticache"] },
      }),
  );
  const statements = policyOf(only(stack, "aws_kms_key")).Statement;

  it("gives the account administration without any cryptographic action", () => {
    const admin = statements.find((s) => s.Sid === "AccountAdministersKey")!;
    const actions = admin.Action as string[];
    for (const crypto of [
      "kms:*",
      "kms:Decrypt",
      "kms:Encrypt",
      "kms:CreateGrant",
      "kms:Create*",
      "kms:GenerateDataKey*",
    ])
      expect(actions).not.toContain(crypto);
    expect(actions).toContain("kms:ScheduleKeyDeletion");
  });

  it("lists exactly the management actions, on the key itself, for the account", () => {
    const admin = statements.find((s) => s.Sid === "AccountAdministersKey")!;
    expect([...(admin.Action as string[])].sort()).toEqual(
      [
        "kms:CancelKeyDeletion",
        "kms:CreateAlias",
        "kms:DeleteAlias",
        "kms:DescribeKey",
        "kms:DisableKey",
        "kms:DisableKeyRotation",
        "kms:EnableKey",
        "kms:EnableKeyRotation",
        "kms:Get*",
        "kms:List*",
        "kms:PutKeyPolicy",
        "kms:RevokeGrant",
        "kms:RotateKeyOnDemand",
        "kms:ScheduleKeyDeletion",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:UpdateAlias",
        "kms:UpdateKeyDescription",
      ].sort(),
    );
    expect(admin.Effect).toBe("Allow");
    expect(admin.Resource).toBe("*");
    expect(JSON.stringify(admin.Principal)).toMatch(/:root/);
  });

  it("allows use only through the named services, by this account", () => {
    const use = statements.find((s) => s.Sid === "AccountUsesKeyOnlyThroughServices")!;
    expect(use).toMatchObject({
      Effect: "Allow",
      Principal: { AWS: expect.stringMatching(/:root$/) },
      Action: [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:CreateGrant",
        "kms:ListGrants",
        "kms:DescribeKey",
      ],
      Resource: "*",
    });
    const condition = (use.Condition as { StringEquals: Record<string, unknown> }).StringEquals;
    expect(condition["kms:ViaService"]).toEqual([
      expect.stringMatching(/^rds\./),
      expect.stringMatching(/^elasticache\./),
      expect.stringMatching(/^dax\./),
    ]);
    expect(condition).toHaveProperty("kms:CallerAccount");
    expect(statements.some((s) => s.Action === "kms:*")).toBe(false);
  });

  it("admits dax next to elasticache, in the key's region, as the ElastiCache at-rest encryption page requires", () => {
    const use = statements.find((s) => s.Sid === "AccountUsesKeyOnlyThroughServices")!;
    const via = (use.Condition as { StringEquals: Record<string, string[]> }).StringEquals["kms:ViaService"]!;
    expect(via.map((v) => v.split(".")[0])).toEqual(["rds", "elasticache", "dax"]);
    expect(via[2]).toBe(via[1]!.replace(/^elasticache\./, "dax."));
  });

  it("rejects an empty service list", () => {
    expect(() =>
      synthConstruct(
        (scope) =>
          new EncryptionKey(scope, "k", {
            alias: "x",
            description: "d",
            usage: { kind: "via-services", services: [] },
          }),
      ),
    ).toThrow("k: usage.services must name AWS services");
  });
});

describe("EncryptionKey with key administration (issue 14, item 9)", () => {
  const APPLY = "arn:aws:iam::123456789012:role/terraform-apply";
  const CI = "arn:aws:iam::123456789012:role/ci/terraform-apply";
  const BREAK_GLASS = "arn:aws:iam::123456789012:role/break-glass";
  const administration = { applyRoleArns: [APPLY, CI], breakGlassRoleArn: BREAK_GLASS };
  // What only the apply and break-glass roles may do: change the policy, or disable, delete or move the key.
  const LIFECYCLE_ACTIONS = [
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:DisableKey",
    "kms:DeleteImportedKeyMaterial",
    "kms:ReplicateKey",
    "kms:UpdatePrimaryRegion",
  ];
  const statementsOf = (usage: KeyUsage) =>
    policyOf(
      only(
        synthConstruct(
          (scope) => new EncryptionKey(scope, "k", { alias: "acme-data", description: "d", usage, administration }),
        ),
        "aws_kms_key",
      ),
    ).Statement;

  it.each<[string, KeyUsage]>([
    ["iam", { kind: "iam" }],
    ["via-services", { kind: "via-services", services: ["rds"] }],
  ])(
    "denies policy changes, disabling, deletion and replication to every other principal of the account (%s usage)",
    (_kind, usage) => {
      const deny = statementsOf(usage).find((s) => s.Sid === "KeyLifecycleOnlyByApplyAndBreakGlassRoles")!;
      expect(deny.Effect).toBe("Deny");
      expect(deny.Principal).toEqual({
        AWS: expect.stringMatching(
          /^arn:\$\{data\.aws_partition\..+\}:iam::\$\{data\.aws_caller_identity\..+\.account_id\}:root$/,
        ),
      });
      expect(deny.Action).toEqual(LIFECYCLE_ACTIONS);
      expect(deny.Resource).toBe("*");
      expect(deny.Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": [APPLY, CI, BREAK_GLASS] } });
    },
  );

  it("lets the break-glass role act only in an MFA session, and denies when the MFA key is absent", () => {
    const mfa = statementsOf({ kind: "iam" }).find((s) => s.Sid === "BreakGlassChangesKeyOnlyWithMfa")!;
    expect(mfa).toMatchObject({ Effect: "Deny", Action: LIFECYCLE_ACTIONS, Resource: "*" });
    expect(mfa.Principal).toEqual({ AWS: expect.stringMatching(/:root$/) });
    expect(mfa.Condition).toEqual({
      ArnEquals: { "aws:PrincipalArn": BREAK_GLASS },
      BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
    });
  });

  it("keeps restoring actions (EnableKey, CancelKeyDeletion) with every administrator, and the account's other access", () => {
    const statements = statementsOf({ kind: "via-services", services: ["rds"] });
    const deny = statements.find((s) => s.Sid === "KeyLifecycleOnlyByApplyAndBreakGlassRoles")!;
    expect(deny.Action).not.toContain("kms:CancelKeyDeletion");
    expect(deny.Action).not.toContain("kms:EnableKey");
    const admin = statements.find((s) => s.Sid === "AccountAdministersKey")!;
    expect(admin.Action).toEqual(
      expect.arrayContaining(["kms:CancelKeyDeletion", "kms:EnableKey", "kms:PutKeyPolicy"]),
    );
    // The apply roles still reach PutKeyPolicy through the account's allow, so KMS's lockout check passes.
    expect(
      statements
        .filter((s) => s.Effect === "Deny")
        .every((s) => JSON.stringify(s.Condition).includes("aws:PrincipalArn")),
    ).toBe(true);
  });

  it("adds nothing without administration (the account administers the key without limit)", () => {
    const bare = policyOf(
      only(
        synthConstruct((scope) => new EncryptionKey(scope, "k", { alias: "acme-data", description: "d" })),
        "aws_kms_key",
      ),
    ).Statement;
    expect(bare.some((s) => s.Effect === "Deny")).toBe(false);
  });

  it("accepts a role ARN only known at apply time (a token) beside literal ones of one account", () => {
    const stack = synthConstruct((scope) => {
      const applyRole = new TerraformVariable(scope, "apply_role", { type: "string" });
      return new EncryptionKey(scope, "k", {
        alias: "ok",
        description: "d",
        administration: { applyRoleArns: [APPLY, applyRole.stringValue], breakGlassRoleArn: BREAK_GLASS },
      });
    });
    const deny = policyOf(only(stack, "aws_kms_key")).Statement.find(
      (s) => s.Sid === "KeyLifecycleOnlyByApplyAndBreakGlassRoles",
    )!;
    expect(deny.Condition).toEqual({
      ArnNotEquals: { "aws:PrincipalArn": [APPLY, "${var.apply_role}", BREAK_GLASS] },
    });
  });

  it.each([
    [
      { applyRoleArns: [], breakGlassRoleArn: BREAK_GLASS },
      "k: administration.applyRoleArns: must name at least one role",
    ],
    [
      { applyRoleArns: ["arn:aws:iam::123456789012:role/*"], breakGlassRoleArn: BREAK_GLASS },
      'administration.applyRoleArns[0]: "arn:aws:iam::123456789012:role/*" is not an IAM role ARN without wildcards',
    ],
    [
      { applyRoleArns: [APPLY], breakGlassRoleArn: "arn:aws:iam::123456789012:user/alice" },
      'administration.breakGlassRoleArn: "arn:aws:iam::123456789012:user/alice" is not an IAM role ARN',
    ],
    [{ applyRoleArns: [APPLY], breakGlassRoleArn: APPLY }, "administration.breakGlassRoleArn: is also an apply role"],
    [
      { applyRoleArns: [APPLY], breakGlassRoleArn: "arn:aws:iam::999999999999:role/break-glass" },
      "roles of one account only (got 123456789012, 999999999999)",
    ],
  ])("rejects %p", (admin, message) => {
    expect(() =>
      synthConstruct(
        (scope) => new EncryptionKey(scope, "k", { alias: "ok", description: "d", administration: admin }),
      ),
    ).toThrow(message);
  });
});
