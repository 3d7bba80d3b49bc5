/**
 * The DR runbook's numbers are the capacity plan's: the failover steps raise DR to prod's
 * planned task count and DR's planned maximum, and the table states DR's standby count and
 * maximum as the DR stack synthesizes them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serviceSizing } from "../../config";
import { only, synthApp } from "../support/synth";

const { config, stacks } = synthApp();
const runbook = readFileSync(join(__dirname, "..", "..", "docs", "disaster-recovery.md"), "utf8");
const prod = serviceSizing(config, "prod");
const dr = serviceSizing(config, "dr");

describe("docs/disaster-recovery.md capacity figures", () => {
  it("raises DR to prod's planned count and DR's maximum in both the switchover and the failover", () => {
    const raises = [
      ...runbook.matchAll(
        /--resource-id service\/suma-auth-dr\/suma-auth-dr \\\n\s+--min-capacity (\d+) --max-capacity (\d+)/g,
      ),
    ];
    expect(raises).toHaveLength(2);
    for (const [, min, max] of raises) {
      expect(Number(min)).toBe(prod.minTasks);
      expect(Number(max)).toBe(dr.maxTasks);
    }
    expect(runbook).toContain(`Raise the DR service to prod's planned task count, ${prod.minTasks}`);
  });

  it("states DR's standby count and maximum as the DR stack has them", () => {
    const target = only(stacks["suma-auth-dr"]!, "aws_appautoscaling_target").values;
    expect(runbook).toContain(
      `warm standby runs ${target.min_capacity} tasks (one per AZ) and can scale to ${target.max_capacity}, prod's planned maximum`,
    );
    expect(target.max_capacity).toBe(prod.maxTasks);
  });

  it("never scales DR with a hand-picked desired count", () => {
    expect(runbook).not.toMatch(/--cluster suma-auth-dr --service suma-auth-dr --desired-count/);
  });
});
