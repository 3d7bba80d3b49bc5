import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appSteps, parseAppCommand } from "../../bench/app-command";
import { REPO_ROOT } from "../support/run";

describe("the cdktf.json app command as benchmark steps", () => {
  it("splits node steps on && and keeps their arguments", () => {
    expect(parseAppCommand("node scripts/build-app.mjs && node dist/main.js --config c.yaml", "/x")).toEqual([
      { script: "scripts/build-app.mjs", args: [], cwd: "/x" },
      { script: "dist/main.js", args: ["--config", "c.yaml"], cwd: "/x" },
    ]);
  });

  it.each(["npx ts-node main.ts", "node", "node --import tsx main.ts", "node a.js | tee log"])(
    "refuses %j, which it cannot time as node steps",
    (app) => {
      expect(() => parseAppCommand(app)).toThrow("the benchmark times node steps only");
    },
  );

  it("reads this repository's cdktf.json: one in-process step", () => {
    expect(appSteps(REPO_ROOT)).toEqual([{ script: "scripts/run-app.mjs", args: [] }]);
  });

  it("names the file when it has no app command", () => {
    const dir = mkdtempSync(join(tmpdir(), "suma-app-command-"));
    try {
      writeFileSync(join(dir, "cdktf.json"), "{}");
      expect(() => appSteps(dir)).toThrow(`${join(dir, "cdktf.json")} has no "app" command`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
