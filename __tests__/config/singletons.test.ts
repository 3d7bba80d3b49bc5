/** accounts.<name>.singletons: schema defaults and the semantic rule singletonsValid. */
import { loadConfig, sumaAuthConfig } from "../../config";
import { configErrors } from "../support/config-errors";
import { withConfig } from "../support/synth";

const DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";

describe("accounts.<name>.singletons", () => {
  it("creates every singleton by default", () => {
    expect(loadConfig(sumaAuthConfig).accounts.prod!.singletons).toEqual({
      guardDuty: {},
      configRecorder: {},
      githubOidcProvider: { mode: "create" },
    });
  });

  it("accepts adopt and reference for the account's regions", () => {
    const input = withConfig((c) => {
      c.accounts.prod!.awsConfig = true;
      c.accounts.prod!.singletons = {
        guardDuty: { "us-east-1": { mode: "adopt", detectorId: DETECTOR }, "us-west-2": { mode: "reference" } },
        configRecorder: {
          "us-east-1": { mode: "adopt", recorderName: "default", deliveryChannelName: "default" },
          "us-west-2": { mode: "reference" },
        },
        githubOidcProvider: { mode: "reference" },
      };
    });
    expect(configErrors(input)).toEqual([]);
    expect(loadConfig(input).accounts.prod!.singletons.guardDuty["us-west-2"]).toEqual({
      mode: "reference",
      manageFeatures: false,
    });
  });

  it("refuses an unknown mode and a missing id, naming the path", () => {
    const errors = configErrors(
      withConfig((c) => {
        c.accounts.prod!.singletons = {
          guardDuty: { "us-east-1": { mode: "import" } as never },
          githubOidcProvider: { mode: "adopt", arn: "x" } as never,
        };
      }),
    );
    expect(errors.some((e) => e.startsWith("accounts.prod.singletons.guardDuty.us-east-1.mode:"))).toBe(true);
    expect(errors.some((e) => e.startsWith("accounts.prod.singletons.githubOidcProvider:") && /arn/.test(e))).toBe(
      true,
    );
  });

  it("singletonsValid: refuses a region the account does not deploy to", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.accounts.nonprod!.singletons = {
              guardDuty: { "us-west-2": { mode: "adopt", detectorId: DETECTOR } },
            }),
        ),
      ),
    ).toEqual([
      'accounts.nonprod.singletons.guardDuty.us-west-2: "us-west-2" is not a region account "nonprod" deploys to (us-east-1)',
    ]);
  });

  it("singletonsValid: refuses a malformed detector id", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.accounts.prod!.singletons = {
              guardDuty: { "us-east-1": { mode: "adopt", detectorId: "arn:aws:guardduty:x" } },
            }),
        ),
      ),
    ).toEqual([
      'accounts.prod.singletons.guardDuty.us-east-1.detectorId: "arn:aws:guardduty:x" is not a GuardDuty detector id (32 of a-z, 0-9; see aws guardduty list-detectors)',
    ]);
  });

  it("singletonsValid: refuses features on a referenced detector without its id", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.accounts.prod!.singletons = {
              guardDuty: { "us-east-1": { mode: "reference", manageFeatures: true } },
            }),
        ),
      ),
    ).toEqual([
      "accounts.prod.singletons.guardDuty.us-east-1.manageFeatures: enabling features on a referenced detector needs its detectorId",
    ]);
  });

  it("singletonsValid: refuses a Config recorder setting for an account that does not record", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void (c.accounts.prod!.singletons = { configRecorder: { "us-east-1": { mode: "reference" } } }),
        ),
      ),
    ).toEqual([
      'accounts.prod.singletons.configRecorder.us-east-1: account "prod" does not record with AWS Config (awsConfig is false), so there is no recorder to adopt or reference; set awsConfig: true or remove this',
    ]);
  });

  it("singletonsValid: refuses an OIDC provider setting without a github block", () => {
    const input = withConfig((c) => {
      delete c.github;
      c.accounts.prod!.singletons = { githubOidcProvider: { mode: "adopt" } };
    });
    expect(configErrors(input)).toEqual([
      "accounts.prod.singletons.githubOidcProvider: the app has no github block, so there is no GitHub OIDC provider to adopt or reference; remove this",
    ]);
  });
});
