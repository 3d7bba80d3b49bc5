import { AUDIT_SIGNALS, apiCallPattern, auditSignals, type AuditSignal } from "../../../modules/audit";

/**
 * A small evaluator for the subset of CloudWatch Logs JSON filter patterns the signals use:
 * `{ ... }`, parentheses, `&&`, `||`, `$.a.b = "v"` (with `*` wildcards), `!=` and `NOT EXISTS`.
 */
function matches(pattern: string, event: Record<string, unknown>): boolean {
  const tokens = pattern.match(/\$\.[A-Za-z0-9_.]+|"[^"]*"|&&|\|\||!=|=|NOT EXISTS|[{}()]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++]!;
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`expected ${t} at token ${i - 1} of ${pattern}`);
  };
  const lookup = (selector: string): unknown =>
    selector
      .slice(2)
      .split(".")
      .reduce<unknown>(
        (value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined),
        event,
      );
  const like = (value: string, glob: string) =>
    new RegExp(
      `^${glob
        .split("*")
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    ).test(value);
  const comparison = (): boolean => {
    const value = lookup(next());
    const op = next();
    if (op === "NOT EXISTS") return value === undefined;
    const literal = next().slice(1, -1);
    if (typeof value !== "string") return false;
    return op === "=" ? like(value, literal) : !like(value, literal);
  };
  const primary = (): boolean => {
    if (peek() !== "(") return comparison();
    next();
    const result = or();
    expect(")");
    return result;
  };
  const and = (): boolean => {
    let result = primary();
    while (peek() === "&&") {
      next();
      result = primary() && result;
    }
    return result;
  };
  const or = (): boolean => {
    let result = and();
    while (peek() === "||") {
      next();
      result = and() || result;
    }
    return result;
  };
  expect("{");
  const result = or();
  expect("}");
  if (i !== tokens.length) throw new Error(`trailing tokens in ${pattern}`);
  return result;
}

const matching = (event: Record<string, unknown>, signals: readonly AuditSignal[] = AUDIT_SIGNALS) =>
  signals.filter((s) => matches(s.filterPattern, event)).map((s) => s.id);
const call = (eventSource: string, eventName: string) => ({
  eventSource,
  eventName,
  eventType: "AwsApiCall",
  userIdentity: { type: "AssumedRole" },
  sourceIPAddress: "203.0.113.7",
});

describe("audit signals", () => {
  it("have unique ids and metric names, requirement ids and valid JSON filter patterns of at most 1024 characters", () => {
    expect(new Set(AUDIT_SIGNALS.map((s) => s.id)).size).toBe(AUDIT_SIGNALS.length);
    expect(new Set(AUDIT_SIGNALS.map((s) => s.metricName)).size).toBe(AUDIT_SIGNALS.length);
    for (const s of AUDIT_SIGNALS) {
      expect(s.id).toMatch(/^[a-z0-9-]+$/);
      expect(s.metricName).toMatch(/^[A-Za-z0-9]+$/);
      expect(s.pci.length).toBeGreaterThan(0);
      for (const id of [...s.pci, ...s.cis]) expect(id).toMatch(/^\d+(\.\d+)*$/);
      expect(s.filterPattern.length).toBeLessThanOrEqual(1024);
      expect(s.filterPattern).toMatch(/^\{ .* \}$/);
      expect(s.threshold).toBe(1);
      expect(() => matches(s.filterPattern, {})).not.toThrow();
    }
  });

  it("cover the CIS AWS Foundations monitoring controls 4.1 to 4.14", () => {
    const cis = AUDIT_SIGNALS.flatMap((s) => s.cis);
    for (let n = 1; n <= 14; n++) expect(cis).toContain(`4.${n}`);
  });

  it.each([
    ["cloudtrail.amazonaws.com", "StopLogging", "cloudtrail-changes"],
    ["cloudtrail.amazonaws.com", "DeleteTrail", "cloudtrail-changes"],
    ["cloudtrail.amazonaws.com", "UpdateTrail", "cloudtrail-changes"],
    ["cloudtrail.amazonaws.com", "PutEventSelectors", "cloudtrail-changes"],
    ["logs.amazonaws.com", "DeleteLogGroup", "log-changes"],
    ["logs.amazonaws.com", "DeleteLogStream", "log-changes"],
    ["logs.amazonaws.com", "PutRetentionPolicy", "log-changes"],
    ["logs.amazonaws.com", "DeleteRetentionPolicy", "log-changes"],
    ["logs.amazonaws.com", "DisassociateKmsKey", "log-changes"],
    ["logs.amazonaws.com", "DeleteDataProtectionPolicy", "log-changes"],
    ["logs.amazonaws.com", "DeleteMetricFilter", "log-changes"],
    ["monitoring.amazonaws.com", "DisableAlarmActions", "alarm-changes"],
    ["kms.amazonaws.com", "DisableKey", "kms-key-disabled-or-deleted"],
    ["kms.amazonaws.com", "ScheduleKeyDeletion", "kms-key-disabled-or-deleted"],
    ["kms.amazonaws.com", "PutKeyPolicy", "kms-key-policy-changes"],
    ["iam.amazonaws.com", "AttachRolePolicy", "iam-policy-changes"],
    ["iam.amazonaws.com", "PutUserPolicy", "iam-policy-changes"],
    ["ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "security-group-changes"],
    ["ec2.amazonaws.com", "ReplaceNetworkAclEntry", "network-acl-changes"],
    ["ec2.amazonaws.com", "AttachInternetGateway", "network-gateway-changes"],
    ["ec2.amazonaws.com", "CreateRoute", "route-table-changes"],
    ["ec2.amazonaws.com", "CreateVpcPeeringConnection", "vpc-changes"],
    ["s3.amazonaws.com", "PutBucketPolicy", "s3-bucket-policy-changes"],
    ["s3.amazonaws.com", "DeleteBucketPolicy", "s3-bucket-policy-changes"],
    ["config.amazonaws.com", "StopConfigurationRecorder", "config-changes"],
    ["config.amazonaws.com", "DeleteDeliveryChannel", "config-changes"],
    ["guardduty.amazonaws.com", "DeleteDetector", "guardduty-changes"],
    ["guardduty.amazonaws.com", "UpdateDetector", "guardduty-changes"],
  ])("%s %s raises %s", (source, name, id) => {
    expect(matching(call(source, name))).toEqual([id]);
  });

  it("alerts on stopped or deleted trails as a failure of audit logging (PCI DSS 10.7.2, 10.2.1.6)", () => {
    const trail = AUDIT_SIGNALS.find((s) => s.id === "cloudtrail-changes")!;
    expect(trail.pci).toEqual(expect.arrayContaining(["10.7.2", "10.2.1.6"]));
    expect(trail.cis).toContain("4.5");
  });

  it("ignores read-only calls and the same event name from another service", () => {
    expect(matching(call("ec2.amazonaws.com", "DescribeSecurityGroups"))).toEqual([]);
    expect(matching(call("kms.amazonaws.com", "Decrypt"))).toEqual([]);
    expect(matching(call("logs.amazonaws.com", "StopLogging"))).toEqual([]);
  });

  it("flags root use, but not AWS services acting as root", () => {
    const root = { ...call("s3.amazonaws.com", "ListBuckets"), userIdentity: { type: "Root" } };
    expect(matching(root)).toEqual(["root-account-usage"]);
    expect(matching({ ...root, userIdentity: { type: "Root", invokedBy: "support.amazonaws.com" } })).toEqual([]);
    expect(matching({ ...root, eventType: "AwsServiceEvent" })).toEqual([]);
  });

  it("flags denied calls except log delivery and HeadBucket probes", () => {
    expect(
      matching({ ...call("ec2.amazonaws.com", "RunInstances"), errorCode: "Client.UnauthorizedOperation" }),
    ).toEqual(["unauthorized-api-calls"]);
    expect(matching({ ...call("s3.amazonaws.com", "GetObject"), errorCode: "AccessDenied" })).toEqual([
      "unauthorized-api-calls",
    ]);
    expect(matching({ ...call("s3.amazonaws.com", "HeadBucket"), errorCode: "AccessDenied" })).toEqual([]);
    expect(
      matching({
        ...call("s3.amazonaws.com", "PutObject"),
        errorCode: "AccessDenied",
        sourceIPAddress: "delivery.logs.amazonaws.com",
      }),
    ).toEqual([]);
  });

  it("flags successful IAM user console sign-ins without MFA, and failed sign-ins", () => {
    const login = (mfa: string, outcome: string) => ({
      ...call("signin.amazonaws.com", "ConsoleLogin"),
      userIdentity: { type: "IAMUser" },
      additionalEventData: { MFAUsed: mfa },
      responseElements: { ConsoleLogin: outcome },
      ...(outcome === "Failure" ? { errorMessage: "Failed authentication" } : {}),
    });
    expect(matching(login("No", "Success"))).toEqual(["console-signin-without-mfa"]);
    expect(matching(login("Yes", "Success"))).toEqual([]);
    expect(matching(login("No", "Failure"))).toEqual(["console-signin-failures"]);
  });

  it("overrides thresholds by id and rejects unknown ids and thresholds below 1", () => {
    expect(
      auditSignals({ "unauthorized-api-calls": 10 }).find((s) => s.id === "unauthorized-api-calls")!.threshold,
    ).toBe(10);
    expect(() => auditSignals({ nope: 2 })).toThrow('unknown audit signal "nope"');
    expect(() => auditSignals({ "root-account-usage": 0 })).toThrow(
      'audit signal "root-account-usage": threshold must be a whole number of at least 1 (got 0)',
    );
  });

  it("builds API call patterns from one event source and named events", () => {
    expect(apiCallPattern("kms.amazonaws.com", ["DisableKey"])).toBe(
      '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "DisableKey")) }',
    );
    expect(() => apiCallPattern("kms.amazonaws.com", [])).toThrow("no event names");
  });
});
