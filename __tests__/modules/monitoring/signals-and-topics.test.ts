import {
  AlarmTopic,
  AUTH_SIGNALS,
  AuthSecuritySignals,
  authSignals,
  burnRateAlerts,
  errorBudget,
  LogDataProtection,
} from "../../../modules/monitoring";
import { EncryptionKey } from "../../../modules/kms";
import { blocks, only, policyOf, synthConstruct } from "../../support/stack-json";

const topics = { page: "arn:aws:sns:us-east-1:1:page", ticket: "arn:aws:sns:us-east-1:1:ticket" };

describe("SLO burn-rate thresholds", () => {
  it("come out as 0.72%, 0.3% and 0.05% for 99.95%", () => {
    expect(burnRateAlerts(99.95).map((a) => a.errorRatioThreshold)).toEqual([0.0072, 0.003, 0.0005]);
  });

  it("scale with the target: 1.44%, 0.6% and 0.1% for 99.9%", () => {
    expect(burnRateAlerts(99.9).map((a) => a.errorRatioThreshold)).toEqual([0.0144, 0.006, 0.001]);
  });

  it("page on the fast windows and ticket on the slow one", () => {
    expect(
      burnRateAlerts(99.95).map((a) => [a.longWindowSeconds, a.shortWindowSeconds, a.burnRate, a.severity]),
    ).toEqual([
      [3600, 300, 14.4, "page"],
      [21600, 1800, 6, "page"],
      [259200, 21600, 1, "ticket"],
    ]);
  });

  it.each([100, 0, -1])("rejects a target of %p", (target) => {
    expect(() => errorBudget(target)).toThrow("SLO target must be above 0 and below 100 percent");
  });
});

describe("AuthSecuritySignals", () => {
  const stack = synthConstruct(
    (s) =>
      new AuthSecuritySignals(s, "auth", {
        name: "acme-prod",
        logGroupName: "/ecs/acme-prod",
        signals: AUTH_SIGNALS,
        topics,
      }),
  );

  it("makes a metric filter on the app log group and an alarm with actions for each signal", () => {
    const filters = blocks(stack, "aws_cloudwatch_log_metric_filter");
    const alarms = blocks(stack, "aws_cloudwatch_metric_alarm");
    expect(filters).toHaveLength(AUTH_SIGNALS.length);
    expect(alarms).toHaveLength(AUTH_SIGNALS.length);
    for (const f of filters)
      expect(f.values).toMatchObject({
        log_group_name: "/ecs/acme-prod",
        metric_transformation: { namespace: "acme-prod/auth", value: "1", default_value: "0" },
      });
    for (const a of alarms) expect((a.values.alarm_actions as string[]).length).toBe(1);
  });

  it("covers failed logins (10.2.1.4), lockouts, credential changes (10.2.1.5), privilege changes, registration spikes and token failures", () => {
    expect(AUTH_SIGNALS.map((s) => s.id)).toEqual([
      "failed-logins",
      "account-lockouts",
      "credential-changes",
      "privilege-changes",
      "registration-spike",
      "token-validation-failures",
    ]);
    const pattern = (id: string) =>
      String(
        blocks(stack, "aws_cloudwatch_log_metric_filter").find((f) => String(f.values.name).endsWith(id))!.values
          .pattern,
      );
    expect(pattern("failed-logins")).toBe('{ $.event = "auth.login" && $.outcome = "failure" }');
    expect(pattern("credential-changes")).toContain('$.event = "auth.mfa.disable"');
    expect(AUTH_SIGNALS.find((s) => s.id === "failed-logins")!.pci).toContain("10.2.1.4");
    expect(AUTH_SIGNALS.find((s) => s.id === "credential-changes")!.pci).toContain("10.2.1.5");
  });

  it("pages on privilege changes at the first one", () => {
    const alarm = blocks(stack, "aws_cloudwatch_metric_alarm").find(
      (a) => a.values.alarm_name === "acme-prod-auth-privilege-changes",
    )!;
    expect(alarm.values).toMatchObject({ threshold: 1, alarm_actions: [topics.page] });
  });

  it("takes threshold overrides by id and refuses unknown ids", () => {
    expect(authSignals({ "failed-logins": 200 }).find((s) => s.id === "failed-logins")!.threshold).toBe(200);
    expect(() => authSignals({ "failed-login": 1 })).toThrow('unknown auth signal "failed-login"');
  });
});

describe("LogDataProtection", () => {
  const stack = synthConstruct(
    (s) => new LogDataProtection(s, "dp", { name: "acme-prod", logGroupName: "/ecs/acme-prod", kmsKeyArn: "arn:key" }),
  );
  const document = JSON.parse(
    String(only(stack, "aws_cloudwatch_log_data_protection_policy").values.policy_document),
  ) as {
    Statement: Array<{ DataIdentifier: string[]; Operation: Record<string, unknown> }>;
    Configuration: { CustomDataIdentifier: Array<{ Name: string }> };
  };

  it("masks email, names, card numbers and tokens", () => {
    const identifiers = document.Statement[1]!.DataIdentifier.map((d) => d.split("/").pop());
    expect(identifiers).toEqual(
      expect.arrayContaining(["EmailAddress", "Name", "CreditCardNumber", "JsonWebToken", "BearerToken"]),
    );
    expect(document.Statement[1]!.Operation).toEqual({ Deidentify: { MaskConfig: {} } });
    expect(document.Configuration.CustomDataIdentifier.map((c) => c.Name)).toEqual(["JsonWebToken", "BearerToken"]);
  });

  it("audits findings to a KMS-encrypted log group", () => {
    const group = only(stack, "aws_cloudwatch_log_group");
    expect(group.values).toMatchObject({ kms_key_id: "arn:key", name: "/aws/data-protection/acme-prod" });
    expect(JSON.stringify(document.Statement[0]!.Operation)).toContain(`aws_cloudwatch_log_group.${group.name}.name`);
  });

  it("masks IP addresses only where configured", () => {
    expect(JSON.stringify(document)).not.toContain("IpAddress");
    const withIps = synthConstruct(
      (s) => new LogDataProtection(s, "dp", { name: "x", logGroupName: "g", kmsKeyArn: "k", maskIpAddresses: true }),
    );
    expect(String(only(withIps, "aws_cloudwatch_log_data_protection_policy").values.policy_document)).toContain(
      "data-identifier/IpAddress",
    );
  });
});

const P = "\\$\\{data\\.aws_partition\\.[\\w-]+\\.partition\\}";
const R = "\\$\\{data\\.aws_region\\.[\\w-]+\\.region\\}";
const A = "\\$\\{data\\.aws_caller_identity\\.[\\w-]+\\.account_id\\}";
const ACCOUNT = new RegExp(`^${A}$`);
const ALARMS = new RegExp(`^arn:${P}:cloudwatch:${R}:${A}:alarm:\\*$`);
const TOPICS = new RegExp(`^arn:${P}:sns:${R}:${A}:\\*$`);

describe("AlarmTopic", () => {
  const stack = synthConstruct((s) => {
    const key = new EncryptionKey(s, "key", {
      alias: "alarms",
      description: "alarms",
      serviceGrants: [{ service: "sns-publishers", publishers: ["cloudwatch"] }],
    });
    new AlarmTopic(s, "page", {
      name: "acme-prod-page",
      kmsKeyArn: key.keyArn,
      subscriptions: [{ protocol: "https", endpoint: "https://events.pager.example/x" }],
    });
  });

  it("is KMS-encrypted and lets only this account's CloudWatch alarms publish, over TLS", () => {
    const topic = only(stack, "aws_sns_topic");
    expect(String(topic.values.kms_master_key_id)).toMatch(/^\$\{aws_kms_key\./);
    const statements = policyOf(only(stack, "aws_sns_topic_policy")).Statement;
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({
      Effect: "Allow",
      Principal: { Service: expect.stringMatching(/^cloudwatch\./) },
      Action: "sns:Publish",
      Condition: {
        ArnLike: { "aws:SourceArn": expect.stringMatching(ALARMS) },
        StringEquals: { "aws:SourceAccount": expect.stringMatching(ACCOUNT) },
      },
    });
    expect(statements[1]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
  });

  it("the key lets CloudWatch encrypt what it publishes, only for this account's alarms and topics", () => {
    const grants = policyOf(only(stack, "aws_kms_key")).Statement.filter((s) =>
      JSON.stringify(s.Principal).includes("Service"),
    );
    expect(grants).toEqual([
      {
        Sid: "CloudWatchAlarmsPublishToThisAccountsEncryptedTopics",
        Effect: "Allow",
        Principal: { Service: expect.stringMatching(/^cloudwatch\./) },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: {
          ArnLike: { "aws:SourceArn": expect.stringMatching(ALARMS) },
          StringLike: { "kms:EncryptionContext:aws:sns:topicArn": expect.stringMatching(TOPICS) },
        },
      },
    ]);
  });

  it("rejects a non-https endpoint", () => {
    expect(() =>
      synthConstruct(
        (s) =>
          new AlarmTopic(s, "t", {
            name: "x",
            kmsKeyArn: "k",
            subscriptions: [{ protocol: "https", endpoint: "http://x" }],
          }),
      ),
    ).toThrow('t: subscription endpoint "http://x" must be an https:// URL');
  });
});

describe("AlarmTopic subscriptions", () => {
  it("requireSubscription without a subscription is refused at synth, naming the field", () => {
    expect(() =>
      synthConstruct(
        (s) => new AlarmTopic(s, "page", { name: "acme-prod-page", kmsKeyArn: "k", requireSubscription: true }),
      ),
    ).toThrow(
      "page: subscriptions: requireSubscription is set but there is none; the topic's alarms would notify no one",
    );
  });

  it("requireSubscription tags the topic for the deployability check; an optional topic carries no tag", () => {
    const stack = synthConstruct((s) => {
      new AlarmTopic(s, "page", {
        name: "acme-prod-page",
        kmsKeyArn: "k",
        requireSubscription: true,
        subscriptions: [{ protocol: "email", endpoint: "oncall@example.com" }],
      });
      new AlarmTopic(s, "dev", { name: "acme-dev-page", kmsKeyArn: "k" });
    });
    const byName = Object.fromEntries(blocks(stack, "aws_sns_topic").map((t) => [t.values.name, t.values.tags]));
    expect(byName).toEqual({ "acme-prod-page": { "alarm-delivery": "required" }, "acme-dev-page": undefined });
    expect(only(stack, "aws_sns_topic_subscription").values).toMatchObject({
      protocol: "email",
      endpoint: "oncall@example.com",
    });
    expect(only(stack, "aws_sns_topic_subscription").values).not.toHaveProperty("endpoint_auto_confirms");
  });

  it("an auto-confirming HTTPS endpoint is waited for, with its timeout; any other stays pending for a person", () => {
    const stack = synthConstruct((s) => {
      new AlarmTopic(s, "page", {
        name: "acme-prod-page",
        kmsKeyArn: "k",
        subscriptions: [
          {
            protocol: "https",
            endpoint: "https://events.pager.example/a",
            autoConfirms: true,
            confirmationTimeoutMinutes: 5,
          },
          { protocol: "https", endpoint: "https://events.pager.example/b" },
        ],
      });
    });
    const subs = Object.fromEntries(
      blocks(stack, "aws_sns_topic_subscription").map((b) => [b.values.endpoint, b.values]),
    );
    expect(subs["https://events.pager.example/a"]).toMatchObject({
      protocol: "https",
      endpoint_auto_confirms: true,
      confirmation_timeout_in_minutes: 5,
    });
    expect(subs["https://events.pager.example/b"]).not.toHaveProperty("endpoint_auto_confirms");
    expect(subs["https://events.pager.example/b"]).not.toHaveProperty("confirmation_timeout_in_minutes");
  });

  it("refuses confirmation settings that would never apply, every problem at once", () => {
    expect(() =>
      synthConstruct(
        (s) =>
          new AlarmTopic(s, "t", {
            name: "x",
            kmsKeyArn: "k",
            subscriptions: [
              { protocol: "email", endpoint: "a@example.com", autoConfirms: true },
              { protocol: "https", endpoint: "https://x.example", confirmationTimeoutMinutes: 5 },
              { protocol: "https", endpoint: "https://y.example", autoConfirms: true, confirmationTimeoutMinutes: 0 },
            ],
          }),
      ),
    ).toThrow(
      [
        "stack/t: subscriptions[0]: autoConfirms and confirmationTimeoutMinutes apply to https endpoints only; a person confirms an email subscription",
        "stack/t: subscriptions[1].confirmationTimeoutMinutes: Terraform waits for confirmation only when autoConfirms is true",
        "stack/t: subscriptions[2].confirmationTimeoutMinutes: 0 is not a whole number of minutes from 1 to 60",
      ].join("\n"),
    );
  });
});

describe("AlarmTopic and EncryptionKey with every publisher", () => {
  const stack = synthConstruct((s) => {
    const key = new EncryptionKey(s, "key", {
      alias: "alarms",
      description: "alarms",
      serviceGrants: [{ service: "sns-publishers", publishers: ["cloudwatch", "events", "backup"] }],
    });
    new AlarmTopic(s, "ticket", {
      name: "acme-prod-ticket",
      kmsKeyArn: key.keyArn,
      publishers: ["cloudwatch", "events", "backup"],
    });
  });
  const sources = {
    cloudwatch: new RegExp(`^arn:${P}:cloudwatch:${R}:${A}:alarm:\\*$`),
    events: new RegExp(`^arn:${P}:events:${R}:${A}:rule/\\*$`),
    backup: new RegExp(`^arn:${P}:backup:${R}:${A}:backup-vault:\\*$`),
  };
  const byService = (statements: Array<Record<string, unknown>>, service: string) =>
    statements.filter((st) =>
      String((st.Principal as { Service?: unknown } | undefined)?.Service ?? "").startsWith(`${service}.`),
    );

  it.each(Object.entries(sources))("scopes %s to its own resources in the topic policy", (service, source) => {
    const [publish, ...morePublish] = byService(policyOf(only(stack, "aws_sns_topic_policy")).Statement, service);
    expect(morePublish).toEqual([]);
    expect(publish!.Condition).toEqual({
      ArnLike: { "aws:SourceArn": expect.stringMatching(source) },
      StringEquals: { "aws:SourceAccount": expect.stringMatching(ACCOUNT) },
    });
  });

  it.each([["cloudwatch"], ["backup"]])(
    "scopes %s in the key policy by its source and this account's topics",
    (service) => {
      const [grant, ...moreGrants] = byService(policyOf(only(stack, "aws_kms_key")).Statement, service);
      expect(moreGrants).toEqual([]);
      expect(grant!.Condition).toEqual({
        ArnLike: { "aws:SourceArn": expect.stringMatching(sources[service as "cloudwatch" | "backup"]) },
        StringLike: { "kms:EncryptionContext:aws:sns:topicArn": expect.stringMatching(TOPICS) },
      });
    },
  );

  it("scopes EventBridge in the key policy by this account's topics only: SNS documents no source keys there", () => {
    const [grant, ...moreGrants] = byService(policyOf(only(stack, "aws_kms_key")).Statement, "events");
    expect(moreGrants).toEqual([]);
    expect(grant!.Condition).toEqual({
      StringLike: { "kms:EncryptionContext:aws:sns:topicArn": expect.stringMatching(TOPICS) },
    });
  });
});
