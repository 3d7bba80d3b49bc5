/** Config `dr.failoverGate`: its default, each mode, and what the schema refuses. */
import { DEFAULT_FAILOVER_GATE, defaultAppConfig, drSettings, loadConfig } from "../../config";
import { configErrors } from "../support/config-errors";
import { withConfig } from "../support/synth";

const gateOf = (gate: unknown) => {
  const input = withConfig(
    (c) => void (c.environments.dr!.dr = { ...c.environments.dr!.dr, failoverGate: gate as never }),
  );
  return { errors: configErrors(input), settings: () => drSettings(loadConfig(input).environments.dr!) };
};

describe("dr.failoverGate", () => {
  it("defaults to the manual health check, with and without a dr block", () => {
    expect(DEFAULT_FAILOVER_GATE).toEqual({ mode: "manual-health-check" });
    expect(drSettings(loadConfig(defaultAppConfig).environments.dr!).failoverGate).toEqual({
      mode: "manual-health-check",
    });
    const bare = loadConfig(withConfig((c) => void delete c.environments.dr!.dr)).environments.dr!;
    expect(bare.dr).toBeUndefined();
    expect(drSettings(bare).failoverGate).toEqual({ mode: "manual-health-check" });
  });

  it("takes the manual health check, ARC with a new cluster, and ARC on an existing cluster", () => {
    expect(gateOf({ mode: "manual-health-check" }).settings().failoverGate).toEqual({ mode: "manual-health-check" });
    expect(gateOf({ mode: "arc-routing-control" }).settings().failoverGate).toEqual({ mode: "arc-routing-control" });
    const arn = "arn:aws:route53-recovery-control::222222222222:cluster/0123abcd-4567";
    expect(gateOf({ mode: "arc-routing-control", clusterArn: arn }).settings().failoverGate).toEqual({
      mode: "arc-routing-control",
      clusterArn: arn,
    });
  });

  it.each([
    ["an unknown mode", { mode: "automatic" }, "environments.dr.dr.failoverGate.mode: "],
    [
      "a cluster ARN that is no cluster's",
      { mode: "arc-routing-control", clusterArn: "arn:aws:route53-recovery-control::222222222222:controlpanel/x" },
      'environments.dr.dr.failoverGate.clusterArn: "arn:aws:route53-recovery-control::222222222222:controlpanel/x" is not an ARC cluster ARN',
    ],
    [
      "a cluster ARN on the manual gate",
      { mode: "manual-health-check", clusterArn: "arn:aws:route53-recovery-control::222222222222:cluster/x" },
      "environments.dr.dr.failoverGate: ",
    ],
  ])("refuses %s, naming the path", (_, gate, message) => {
    const { errors } = gateOf(gate);
    expect(errors.some((line) => line.startsWith(message))).toBe(true);
  });
});
