import {
  checkTargets,
  formatTarget,
  median,
  percentile,
  summarize,
  TARGETS,
  targetStatus,
  verdict,
  type ScenarioSummary,
} from "../../bench/report";

const scenario = (name: string, medianWallMs: number, medianPeakRssMiB = 150): ScenarioSummary => ({
  name,
  runs: 5,
  medianWallMs,
  p90WallMs: medianWallMs,
  minWallMs: medianWallMs,
  medianPeakRssMiB,
  stacks: 11,
  fasterThanBaseline: 1,
});

describe("the benchmark's statistics", () => {
  it("takes the median and the nearest-rank percentile", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([5, 1, 4, 2, 3], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(() => percentile([1], 0)).toThrow(/percentile must be in/);
    expect(() => median([])).toThrow(/no values/);
  });

  it("summarizes samples against the baseline median", () => {
    const s = summarize(
      "synth",
      [700, 900, 800].map((wallMs) => ({ wallMs, peakRssKiB: 150 * 1024, stacks: 11 })),
      4000,
    );
    expect(s).toMatchObject({
      medianWallMs: 800,
      p90WallMs: 900,
      minWallMs: 700,
      medianPeakRssMiB: 150,
      stacks: 11,
      fasterThanBaseline: 5,
    });
  });
});

describe("the targets and the verdict", () => {
  const template = scenario("baseline-template", 4000);

  it("passes a quiet-machine run that meets every target", () => {
    const targets = checkTargets({ synth: scenario("synth", 700), template, strict: false });
    expect(targets.map(targetStatus)).toEqual(["PASS", "PASS", "PASS"]);
    expect(verdict(targets)).toBe(true);
  });

  // What happened on a loaded machine: every process slower, the template setup (file reads,
  // hundreds of MB) slowed more or less than the synth. No FAIL.
  it("does not fail a loaded-machine run on its absolute time or on the template ratio", () => {
    const targets = checkTargets({
      synth: scenario("synth", 2100),
      template: scenario("baseline-template", 7000),
      strict: false,
    });
    const [absolute, memory, template] = targets;
    expect(targets.map(targetStatus)).toEqual(["MISS", "PASS", "MISS"]);
    expect(formatTarget(absolute!)).toMatch(/^MISS .*not gated: moves with machine load \(--strict gates it\)$/);
    expect(formatTarget(template!)).toMatch(
      /^MISS +speed-up over the template setup +3\.33x +\(target >= 5x\) {2}not gated/,
    );
    expect(memory!.gated).toBe(true);
    expect(verdict(targets)).toBe(true);
    expect(targets.map(formatTarget).join("\n")).not.toMatch(/FAIL/);
  });

  it("gates the absolute time with --strict", () => {
    const targets = checkTargets({
      synth: scenario("synth", TARGETS.synthMedianMs + 1),
      template: scenario("baseline-template", 40_000),
      strict: true,
    });
    expect(targetStatus(targets[0]!)).toBe("FAIL");
    expect(verdict(targets)).toBe(false);
    expect(
      checkTargets({ synth: scenario("synth", TARGETS.synthMedianMs), template, strict: true }).every((t) => t.passed),
    ).toBe(true);
  });

  it("gates the template ratio with --strict, and the memory always", () => {
    const slow = checkTargets({ synth: scenario("synth", 1000), template, strict: true });
    expect(slow.find((t) => t.unit === "x")).toMatchObject({ actual: 4, passed: false, gated: true });
    expect(formatTarget(slow.find((t) => t.unit === "x")!)).toMatch(
      /^FAIL +speed-up over the template setup +4\.00x +\(target >= 5x\)$/,
    );
    expect(verdict(slow)).toBe(false);
    const big = checkTargets({ synth: scenario("synth", 700, TARGETS.peakRssMiB), template, strict: false });
    expect(big.find((t) => t.unit === "MiB")).toMatchObject({ passed: false, gated: true });
    expect(verdict(big)).toBe(false);
  });

  it("with a baseline ref, gates the synth time relative to the ref's, measured in the same rounds", () => {
    const ref = scenario("synth main@1234567", 1000);
    const faster = checkTargets({ synth: scenario("synth", 740), template, ref, strict: false });
    expect(faster.at(-1)).toMatchObject({
      name: "synth time relative to synth main@1234567",
      actual: 0.74,
      passed: true,
      gated: true,
    });
    const regressed = checkTargets({
      synth: scenario("synth", 1150),
      template: scenario("baseline-template", 6000),
      ref,
      strict: false,
    });
    expect(regressed.at(-1)).toMatchObject({ actual: 1.15, passed: false });
    expect(verdict(regressed)).toBe(false);
  });
});
