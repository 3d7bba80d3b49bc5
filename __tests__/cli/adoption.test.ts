/** main.ts synthesizes a config that adopts account singletons with no terraform binary on the PATH. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accountRegions, sharedStackName } from "../../config";
import { runMain } from "../support/run";
import { importsOf, synthApp, withConfig, type StackJson } from "../support/synth";

const input = withConfig((c) => {
  c.accounts.prod!.awsConfig = true;
  c.accounts.prod!.singletons = {
    guardDuty: { "us-east-1": { mode: "adopt", detectorId: "12abc34d567e8fa901bc2d34e56789f0" } },
    configRecorder: { "us-east-1": { mode: "adopt", recorderName: "default", deliveryChannelName: "default" } },
    githubOidcProvider: { mode: "adopt" },
  };
});

it("synthesizes adoption without a terraform binary: no synth-time `terraform version` (cdktf's importFrom would)", () => {
  const { config, stacks } = synthApp(input);
  const east = sharedStackName(
    config,
    accountRegions(config).find((p) => p.account === "prod" && p.region === "us-east-1")!,
  );
  const dir = mkdtempSync(join(tmpdir(), "suma-adopt-"));
  try {
    const file = join(dir, "adopt.json");
    writeFileSync(file, JSON.stringify(input));
    const result = runMain(["--config", file], { CDKTF_OUTDIR: join(dir, "out") });
    expect(result.stderr).not.toMatch(/terraform version|Synth failed/);
    expect(result.status).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, "out", "stacks", east, "cdk.tf.json"), "utf8")) as StackJson;
    expect(importsOf(written)).toEqual(importsOf(stacks[east]!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
