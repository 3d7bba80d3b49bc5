/**
 * Deployability checks of the account singletons, check by check: violating fixtures (a finding on
 * the named resource whose message says what is wrong) and compliant ones (no finding). Fixtures
 * are synthesized-JSON shaped stacks built in code; the default app must have no finding.
 */
import { deployabilityFindings } from "../../../../../analysis/policy/deployability";
import { SINGLETON_DEPLOYABILITY_CHECKS } from "../../../../../analysis/policy/rules/deployability/singletons";
import type { TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { synthApp, withConfig } from "../../../../support/synth";

type Values = Record<string, unknown>;
type Resources = Record<string, Record<string, Values>>;

const PROD = "222222222222";
const NONPROD = "111111111111";
const DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";

/** A stack whose default AWS provider is pinned to an account and region, with import blocks. */
function stack(
  accountId: string,
  region: string,
  resource: Resources,
  imports: Array<{ id: string; to: string }> = [],
): TerraformJson {
  return {
    provider: { aws: [{ region, allowed_account_ids: [accountId] }] },
    resource,
    ...(imports.length > 0 ? { import: imports } : {}),
  } as TerraformJson;
}

function findings(stacks: Record<string, TerraformJson>) {
  return deployabilityFindings({ stacks, dependencies: {} }, { rules: [], appChecks: SINGLETON_DEPLOYABILITY_CHECKS });
}

const on = (stacks: Record<string, TerraformJson>, ruleId: string) =>
  findings(stacks).filter((f) => f.ruleId === ruleId);

const detector: Resources = { aws_guardduty_detector: { gd: { enable: true } } };
const recorderSet = (name = "acme-config"): Resources => ({
  aws_config_configuration_recorder: { rec: { name } },
  aws_config_delivery_channel: {
    ch: { name, s3_bucket_name: "b", depends_on: ["aws_config_configuration_recorder.rec"] },
  },
  aws_config_configuration_recorder_status: {
    st: {
      name: "${aws_config_configuration_recorder.rec.name}",
      is_enabled: true,
      depends_on: ["aws_config_delivery_channel.ch"],
    },
  },
});
const oidc: Resources = {
  aws_iam_openid_connect_provider: {
    gh: { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] },
  },
};
const oidcArn = (account: string) => `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`;

describe("SUMA-DEP-401 one GuardDuty detector per account and region", () => {
  it("finds two stacks creating the detector of the same account and region", () => {
    const found = on({ a: stack(PROD, "us-east-1", detector), b: stack(PROD, "us-east-1", detector) }, "SUMA-DEP-401");
    expect(found.map((f) => [f.stack, f.address])).toEqual([
      ["a", "aws_guardduty_detector.gd"],
      ["b", "aws_guardduty_detector.gd"],
    ]);
    expect(found[0]!.message).toMatch(
      /second GuardDuty detector for account 222222222222 in us-east-1.*one per account and region.*b aws_guardduty_detector\.gd/,
    );
  });

  it("accepts one detector per region and per account", () => {
    expect(
      on(
        {
          a: stack(PROD, "us-east-1", detector),
          b: stack(PROD, "us-west-2", detector),
          c: stack(NONPROD, "us-east-1", detector),
        },
        "SUMA-DEP-401",
      ),
    ).toEqual([]);
  });
});

describe("SUMA-DEP-402 an adopted detector is imported by its id", () => {
  it("finds an import id that is not a detector id", () => {
    const found = on(
      { a: stack(PROD, "us-east-1", detector, [{ id: "my-detector", to: "aws_guardduty_detector.gd" }]) },
      "SUMA-DEP-402",
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      address: "aws_guardduty_detector.gd",
      message: expect.stringMatching(/"my-detector".*not a GuardDuty detector id/),
    });
  });

  it("accepts a detector id, and a created detector without an import", () => {
    expect(
      on(
        {
          a: stack(PROD, "us-east-1", detector, [{ id: DETECTOR, to: "aws_guardduty_detector.gd" }]),
          b: stack(PROD, "us-west-2", detector),
        },
        "SUMA-DEP-402",
      ),
    ).toEqual([]);
  });
});

describe("SUMA-DEP-403 and 404 one Config recorder and one delivery channel per account and region", () => {
  it("finds a second recorder and a second channel in another stack of the same account and region", () => {
    const all = findings({
      a: stack(PROD, "us-east-1", recorderSet("one")),
      b: stack(PROD, "us-east-1", recorderSet("two")),
    });
    expect(all.filter((f) => f.ruleId === "SUMA-DEP-403").map((f) => `${f.stack} ${f.address}`)).toEqual([
      "a aws_config_configuration_recorder.rec",
      "b aws_config_configuration_recorder.rec",
    ]);
    expect(all.find((f) => f.ruleId === "SUMA-DEP-403")!.message).toMatch(
      /second AWS Config recorder for account 222222222222 in us-east-1/,
    );
    expect(all.filter((f) => f.ruleId === "SUMA-DEP-404").map((f) => `${f.stack} ${f.address}`)).toEqual([
      "a aws_config_delivery_channel.ch",
      "b aws_config_delivery_channel.ch",
    ]);
    expect(all.find((f) => f.ruleId === "SUMA-DEP-404")!.message).toMatch(/second AWS Config delivery channel/);
  });

  it("accepts one of each per region", () => {
    const all = findings({ a: stack(PROD, "us-east-1", recorderSet()), b: stack(PROD, "us-west-2", recorderSet()) });
    expect(all.filter((f) => ["SUMA-DEP-403", "SUMA-DEP-404"].includes(f.ruleId))).toEqual([]);
  });
});

describe("SUMA-DEP-405 an adopted Config recorder keeps its name", () => {
  it("finds an import id that differs from the name", () => {
    const found = on(
      {
        a: stack(PROD, "us-east-1", recorderSet("acme-config"), [
          { id: "default", to: "aws_config_configuration_recorder.rec" },
        ]),
      },
      "SUMA-DEP-405",
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      address: "aws_config_configuration_recorder.rec",
      message: expect.stringMatching(/imported as "default" but named "acme-config"/),
    });
  });

  it("accepts imports by the existing names", () => {
    const imports = [
      { id: "default", to: "aws_config_configuration_recorder.rec" },
      { id: "default", to: "aws_config_delivery_channel.ch" },
      { id: "default", to: "aws_config_configuration_recorder_status.st" },
    ];
    expect(on({ a: stack(PROD, "us-east-1", recorderSet("default"), imports) }, "SUMA-DEP-405")).toEqual([]);
  });
});

describe("SUMA-DEP-406 channel after recorder, recording after channel", () => {
  it("finds a channel and a status without the dependencies", () => {
    const racing: Resources = {
      aws_config_configuration_recorder: { rec: { name: "r" } },
      aws_config_delivery_channel: { ch: { name: "r", s3_bucket_name: "b" } },
      aws_config_configuration_recorder_status: { st: { name: "r", is_enabled: true } },
    };
    const found = on({ a: stack(PROD, "us-east-1", racing) }, "SUMA-DEP-406");
    expect(found.map((f) => [f.address, f.message])).toEqual([
      ["aws_config_configuration_recorder_status.st", expect.stringMatching(/without depending on a delivery channel/)],
      ["aws_config_delivery_channel.ch", expect.stringMatching(/does not depend on a configuration recorder/)],
    ]);
  });

  it("accepts the ordered set", () => {
    expect(on({ a: stack(PROD, "us-east-1", recorderSet()) }, "SUMA-DEP-406")).toEqual([]);
  });
});

describe("SUMA-DEP-407 one OIDC provider per URL per account", () => {
  it("finds the GitHub provider created in two regions of one account (IAM is global)", () => {
    const found = on({ east: stack(PROD, "us-east-1", oidc), west: stack(PROD, "us-west-2", oidc) }, "SUMA-DEP-407");
    expect(found.map((f) => f.stack)).toEqual(["east", "west"]);
    expect(found[0]!.message).toMatch(
      /second IAM OIDC provider for token\.actions\.githubusercontent\.com in account 222222222222.*one per URL per account/,
    );
  });

  it("accepts one provider per account, and other URLs beside it", () => {
    const other: Resources = { aws_iam_openid_connect_provider: { other: { url: "https://example.com/oidc" } } };
    expect(
      on(
        {
          a: stack(PROD, "us-east-1", { ...oidc }),
          b: stack(PROD, "us-west-2", other),
          c: stack(NONPROD, "us-east-1", oidc),
        },
        "SUMA-DEP-407",
      ),
    ).toEqual([]);
  });
});

describe("SUMA-DEP-408 an adopted OIDC provider is imported by its ARN", () => {
  it("finds an ARN of another account, and an id that is not an ARN", () => {
    const found = on(
      {
        a: stack(PROD, "us-east-1", oidc, [{ id: oidcArn(NONPROD), to: "aws_iam_openid_connect_provider.gh" }]),
        b: stack(NONPROD, "us-east-1", oidc, [
          { id: "token.actions.githubusercontent.com", to: "aws_iam_openid_connect_provider.gh" },
        ]),
      },
      "SUMA-DEP-408",
    );
    expect(found.map((f) => [f.stack, f.address, f.message])).toEqual([
      [
        "a",
        "aws_iam_openid_connect_provider.gh",
        expect.stringMatching(/in account 111111111111, not the stack's account 222222222222/),
      ],
      ["b", "aws_iam_openid_connect_provider.gh", expect.stringMatching(/is not an IAM OIDC provider ARN/)],
    ]);
  });

  it("finds an ARN for another URL", () => {
    const found = on(
      {
        a: stack(PROD, "us-east-1", oidc, [
          { id: `arn:aws:iam::${PROD}:oidc-provider/example.com`, to: "aws_iam_openid_connect_provider.gh" },
        ]),
      },
      "SUMA-DEP-408",
    );
    expect(found[0]?.message).toMatch(/names example\.com, not this provider's URL/);
  });

  it("accepts the ARN of the account's provider", () => {
    expect(
      on(
        { a: stack(PROD, "us-east-1", oidc, [{ id: oidcArn(PROD), to: "aws_iam_openid_connect_provider.gh" }]) },
        "SUMA-DEP-408",
      ),
    ).toEqual([]);
  });
});

describe("SUMA-DEP-409 one owner per GuardDuty feature", () => {
  const feature = (name: string, detectorId = "${aws_guardduty_detector.gd.id}"): Values => ({
    detector_id: detectorId,
    name,
    status: "ENABLED",
  });

  it("finds the same feature of one account and region's detector set from two stacks", () => {
    const found = on(
      {
        a: stack(PROD, "us-east-1", { ...detector, aws_guardduty_detector_feature: { s3: feature("S3_DATA_EVENTS") } }),
        b: stack(PROD, "us-east-1", { aws_guardduty_detector_feature: { s3: feature("S3_DATA_EVENTS", DETECTOR) } }),
      },
      "SUMA-DEP-409",
    );
    expect(found.map((f) => f.stack)).toEqual(["a", "b"]);
    expect(found[0]!.message).toMatch(
      /S3_DATA_EVENTS of the detector of account 222222222222 in us-east-1 is set by more than one resource/,
    );
  });

  it("finds EKS runtime monitoring beside runtime monitoring", () => {
    const found = on(
      {
        a: stack(PROD, "us-east-1", {
          ...detector,
          aws_guardduty_detector_feature: { rt: feature("RUNTIME_MONITORING"), eks: feature("EKS_RUNTIME_MONITORING") },
        }),
      },
      "SUMA-DEP-409",
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      address: "aws_guardduty_detector_feature.eks",
      message: expect.stringMatching(/GuardDuty refuses both/),
    });
  });

  it("accepts one resource per feature per detector", () => {
    const features = {
      aws_guardduty_detector_feature: { rt: feature("RUNTIME_MONITORING"), s3: feature("S3_DATA_EVENTS") },
    };
    expect(
      on(
        {
          a: stack(PROD, "us-east-1", { ...detector, ...features }),
          b: stack(PROD, "us-west-2", { ...detector, ...features }),
        },
        "SUMA-DEP-409",
      ),
    ).toEqual([]);
  });
});

describe("the app", () => {
  it("has no singleton finding by default", () => {
    const { stacks } = synthApp();
    expect(findings(stacks as Record<string, TerraformJson>)).toEqual([]);
  });

  it("has none when every singleton is adopted, with Config on", () => {
    const input = withConfig((c) => {
      const prod = c.accounts.prod!;
      prod.awsConfig = true;
      prod.singletons = {
        guardDuty: { "us-east-1": { mode: "adopt", detectorId: DETECTOR }, "us-west-2": { mode: "reference" } },
        configRecorder: { "us-east-1": { mode: "adopt", recorderName: "default", deliveryChannelName: "default" } },
        githubOidcProvider: { mode: "adopt" },
      };
    });
    const { stacks } = synthApp(input);
    expect(findings(stacks as Record<string, TerraformJson>)).toEqual([]);
  });
});
