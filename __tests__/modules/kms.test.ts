import { EncryptionKey } from "../../modules/kms";
import { only, policyOf, synthConstruct } from "../support/synth";

describe("EncryptionKey", () => {
  const stack = synthConstruct((scope) => new EncryptionKey(scope, "logs", { alias: "acme-logs", description: "logs", serviceGrants: [{ service: "cloudwatch-logs" }] }));

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
    expect(statements.map((s) => s.Sid)).toEqual(["AccountAdministersKeyThroughIam", "CloudWatchLogsEncryptsThisAccountsLogGroups"]);
    const logs = statements[1]!;
    expect(logs.Principal).toEqual({ Service: expect.stringMatching(/^logs\.\$\{data\.aws_region\..+\.region\}\.\$\{data\.aws_partition\..+\.dns_suffix\}$/) });
    expect(logs.Action).not.toContain("kms:*");
    expect(JSON.stringify(logs.Condition)).toMatch(/kms:EncryptionContext:aws:logs:arn.*log-group:\*/);
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
    expect(() => synthConstruct((scope) => new EncryptionKey(scope, "k", { alias: "ok", description: "d", ...props }))).toThrow(message);
  });
});
