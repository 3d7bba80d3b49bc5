/** drCanCarryPrimary: a DR copy can take its primary's traffic from the images replication brings. */
import { defaultAppConfig, loadConfig, serviceSizing } from "../../config";
import { configErrors } from "../support/config-errors";
import { withConfig } from "../support/synth";

const config = loadConfig(defaultAppConfig);
const prodMin = serviceSizing(config, "prod").minTasks;

describe("drCanCarryPrimary", () => {
  it("passes the default app: DR scales to at least prod's steady-state count, with prod's task size", () => {
    expect(configErrors(defaultAppConfig)).toEqual([]);
    expect(serviceSizing(config, "dr").maxTasks).toBeGreaterThanOrEqual(prodMin);
    expect(serviceSizing(config, "dr").cpu).toBe(serviceSizing(config, "prod").cpu);
  });

  it("refuses a DR maximum below the primary's task count, naming the count it needs", () => {
    const input = withConfig(
      (c) => void (c.environments.dr!.sizing = { service: { maxTasks: 6, reason: "a cheaper DR copy for the test" } }),
    );
    expect(configErrors(input)).toContain(
      `environments.dr.sizing.service.maxTasks: 6 tasks can't carry prod's traffic on failover: prod runs ${prodMin} (its capacity plan); raise it to at least ${prodMin}`,
    );
  });

  it("refuses a DR task size that differs from the primary's", () => {
    const input = withConfig(
      (c) =>
        void (c.environments.dr!.sizing = {
          service: { cpu: 512, memoryMiB: 1024, reason: "smaller tasks for the test" },
        }),
    );
    expect(
      configErrors(input).some((line) =>
        line.startsWith("environments.dr.sizing.service: tasks of 512 CPU / 1024 MiB differ from prod's"),
      ),
    ).toBe(true);
  });

  it("refuses a DR image tag other than the primary's: replication brings only the primary's images", () => {
    const input = withConfig((c) => void (c.environments.dr!.service = { imageTag: "dr-only" }));
    expect(configErrors(input)).toContain(
      `environments.dr.service.imageTag: "dr-only" differs from prod's "bootstrap": a DR copy's images arrive by replication from prod's repository, so it must name the same tag`,
    );
  });
});
