/**
 * Deployability checks of alarm delivery, check by check: violating fixtures (a finding on the
 * named resource whose message says what is wrong) and compliant ones (no finding), built in code;
 * then the default app, which must have none, and the same app with its subscriptions removed.
 */
import { deployabilityFindings } from "../../../../../analysis/policy/deployability";
import {
  ALARM_DEPLOYABILITY_CHECKS,
  ALARM_DEPLOYABILITY_RULES,
} from "../../../../../analysis/policy/rules/deployability/alarms";
import type { SynthesizedApp } from "../../../../../analysis/policy";
import type { TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { synthAppWithDependencies } from "../../../../support/synth";

type Values = Record<string, unknown>;
type Resources = Record<string, Record<string, Values>>;

const stack = (resource: Resources): TerraformJson =>
  ({ provider: { aws: [{ region: "us-east-1", allowed_account_ids: ["222222222222"] }] }, resource }) as TerraformJson;

function findings(stacks: Record<string, TerraformJson>) {
  return deployabilityFindings(
    { stacks, dependencies: {} },
    { rules: ALARM_DEPLOYABILITY_RULES, appChecks: ALARM_DEPLOYABILITY_CHECKS },
  );
}
const on = (stacks: Record<string, TerraformJson>, ruleId: string) =>
  findings(stacks).filter((f) => f.ruleId === ruleId);

const requiredTopic = (name: string): Values => ({
  name,
  kms_master_key_id: "k",
  tags: { "alarm-delivery": "required" },
});
const subscription = (topicArn: string, protocol = "https", endpoint = "https://oncall.example/sns"): Values => ({
  topic_arn: topicArn,
  protocol,
  endpoint,
});

describe("SUMA-DEP-740 an alarm topic that must reach someone has a subscription", () => {
  it("finds a required topic no subscription in the app points at", () => {
    const found = on(
      {
        prod: stack({
          aws_sns_topic: { page: requiredTopic("acme-prod-page"), other: { name: "acme-prod-other" } },
          // Subscribed to another topic: does not count for page.
          aws_sns_topic_subscription: { s: subscription("${aws_sns_topic.other.arn}") },
        }),
        // The same logical name in another stack is another topic.
        shared: stack({
          aws_sns_topic: { page: { name: "x" } },
          aws_sns_topic_subscription: { s: subscription("${aws_sns_topic.page.arn}") },
        }),
      },
      "SUMA-DEP-740",
    );
    expect(found.map((f) => `${f.stack} ${f.address}`)).toEqual(["prod aws_sns_topic.page"]);
    expect(found[0]!.message).toMatch(
      /"acme-prod-page" is tagged alarm-delivery = required but no aws_sns_topic_subscription.*notify no one/,
    );
  });

  it("accepts a required topic subscribed by reference, one subscribed by literal ARN from another stack, and untagged topics without any", () => {
    expect(
      on(
        {
          prod: stack({
            aws_sns_topic: {
              page: requiredTopic("acme-prod-page"),
              security: requiredTopic("acme-prod-security"),
              dev: { name: "acme-dev-page" },
            },
            aws_sns_topic_subscription: { s: subscription("${aws_sns_topic.page.arn}", "email", "oncall@example.com") },
          }),
          other: stack({
            aws_sns_topic_subscription: { s: subscription("arn:aws:sns:us-east-1:222222222222:acme-prod-security") },
          }),
        },
        "SUMA-DEP-740",
      ),
    ).toEqual([]);
  });
});

describe("SUMA-DEP-741 a subscription's endpoint has the form its protocol needs", () => {
  it("finds an https subscription without https://, an email that is no address, and an auto-confirming email", () => {
    const found = on(
      {
        s: stack({
          aws_sns_topic_subscription: {
            web: subscription("t", "https", "http://oncall.example/sns"),
            mail: subscription("t", "email", "oncall.example.com"),
            auto: { ...subscription("t", "email", "oncall@example.com"), endpoint_auto_confirms: true },
          },
        }),
      },
      "SUMA-DEP-741",
    );
    expect(found.map((f) => [f.address, f.message])).toEqual([
      [
        "aws_sns_topic_subscription.auto",
        expect.stringMatching(/endpoint_auto_confirms is true on an email subscription/),
      ],
      ["aws_sns_topic_subscription.mail", expect.stringMatching(/"oncall\.example\.com" is not an email address/)],
      [
        "aws_sns_topic_subscription.web",
        expect.stringMatching(/"http:\/\/oncall\.example\/sns" does not begin with https:\/\//),
      ],
    ]);
  });

  it("accepts an https URL (auto-confirming too), an email address and an unresolved endpoint", () => {
    const found = on(
      {
        s: stack({
          aws_sns_topic_subscription: {
            web: { ...subscription("t"), endpoint_auto_confirms: true, confirmation_timeout_in_minutes: 5 },
            mail: subscription("t", "email", "oncall@example.com"),
            ref: subscription("t", "https", "${var.endpoint}"),
          },
        }),
      },
      "SUMA-DEP-741",
    );
    expect(found).toEqual([]);
  });
});

describe("the default app", () => {
  let app: SynthesizedApp;
  beforeAll(() => {
    app = synthAppWithDependencies();
  });
  const alarmFindings = (a: SynthesizedApp) =>
    deployabilityFindings(a, { rules: ALARM_DEPLOYABILITY_RULES, appChecks: ALARM_DEPLOYABILITY_CHECKS });

  it("has no alarm deployability finding", () => {
    expect(alarmFindings(app)).toEqual([]);
  });

  it("is found out once its production subscriptions are taken away from the synthesized JSON", () => {
    const stripped: SynthesizedApp = {
      dependencies: app.dependencies,
      stacks: Object.fromEntries(
        Object.entries(app.stacks).map(([name, json]) => {
          const resource = Object.fromEntries(
            Object.entries(json.resource ?? {}).filter(([type]) => type !== "aws_sns_topic_subscription"),
          );
          return [name, { ...json, resource }];
        }),
      ),
    };
    const found = alarmFindings(stripped).filter((f) => f.ruleId === "SUMA-DEP-740");
    // Page and ticket of every production stack, and the security topic of each shared stack of the production account.
    const expected = Object.entries(app.stacks).flatMap(([stack, json]) =>
      Object.entries(json.resource?.aws_sns_topic ?? {})
        .filter(
          ([, t]) =>
            typeof t.name === "string" && /^suma-auth-(prod|dr)-(page|ticket)$|^suma-auth-prod-security$/.test(t.name),
        )
        .map(([name]) => `${stack} aws_sns_topic.${name}`),
    );
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(found.map((f) => `${f.stack} ${f.address}`).sort()).toEqual(expected.sort());
  });
});
