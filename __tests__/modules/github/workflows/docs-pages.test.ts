/**
 * The API reference workflow: TypeDoc built with read-only permissions, published by a separate
 * job that alone may write to Pages, in the github-pages environment, with pinned actions. It
 * passes actionlint and the workflow schema.
 */
import {
  ACTIONS,
  DOCS_PAGES_WORKFLOW_FILE,
  docsPagesWorkflow,
  isPinned,
  PAGES_ENVIRONMENT,
  renderWorkflow,
} from "../../../../modules/github/workflows";
import { PropsError } from "../../../../modules/core/validation";
import { actionlint, actionValidator } from "./checkers";
import { allSteps, job } from "./fixtures";
import typedoc from "../../../../typedoc.json";
import pkg from "../../../../package.json";

const workflow = docsPagesWorkflow();

describe("docsPagesWorkflow", () => {
  it("runs on pushes to the default branch and by hand, read-only unless a job says otherwise", () => {
    expect(DOCS_PAGES_WORKFLOW_FILE).toBe("docs-pages.yml");
    expect(workflow.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: {} });
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.concurrency).toEqual({ group: "pages", "cancel-in-progress": false });
  });

  it("builds the repository's TypeDoc site and uploads the directory typedoc.json writes", () => {
    const build = job(workflow, "build");
    expect(build.permissions).toBeUndefined();
    const runs = build.steps.map((s) => s.run ?? "");
    expect(runs.some((r) => r.includes("npm ci"))).toBe(true);
    expect(runs.some((r) => r.includes("npm run docs:api"))).toBe(true);
    expect(pkg.scripts["docs:api"]).toBe("typedoc");
    const upload = build.steps.find((s) => s.uses === ACTIONS.uploadPagesArtifact.uses);
    expect(upload?.with).toEqual({ path: typedoc.out });
    expect(build.steps.at(-1)).toBe(upload);
  });

  it("deploys in the github-pages environment, the only job with pages: write and id-token: write", () => {
    const deploy = job(workflow, "deploy");
    expect(deploy.needs).toBe("build");
    expect(deploy.environment).toEqual({ name: PAGES_ENVIRONMENT, url: "${{ steps.deployment.outputs.page_url }}" });
    expect(PAGES_ENVIRONMENT).toBe("github-pages");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy.steps.map((s) => s.uses)).toEqual([ACTIONS.configurePages.uses, ACTIONS.deployPages.uses]);
    expect(deploy.steps.at(-1)!.id).toBe("deployment");
  });

  it("pins every action to a commit, with its version as a comment in the YAML", () => {
    const uses = allSteps(workflow).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.every(isPinned)).toBe(true);
    const yaml = renderWorkflow(workflow);
    expect(yaml).toContain(`uses: ${ACTIONS.deployPages.uses} # ${ACTIONS.deployPages.version}`);
    expect(yaml).toContain(`uses: ${ACTIONS.uploadPagesArtifact.uses} # ${ACTIONS.uploadPagesArtifact.version}`);
  });

  it("takes its own branch, node version, command and site directory", () => {
    const custom = docsPagesWorkflow({
      branch: "trunk",
      nodeVersion: "22",
      buildCommand: "npm run docs",
      siteDir: "site/api",
    });
    expect(custom.on.push).toEqual({ branches: ["trunk"] });
    expect(allSteps(custom).find((s) => s.uses === ACTIONS.setupNode.uses)?.with).toMatchObject({
      "node-version": "22",
    });
    expect(allSteps(custom).find((s) => s.uses === ACTIONS.uploadPagesArtifact.uses)?.with).toEqual({
      path: "site/api",
    });
  });

  it.each([
    [{ siteDir: "../api" }, "docsPagesWorkflow: siteDir"],
    [{ buildCommand: "echo ${{ github.token }}" }, "docsPagesWorkflow: buildCommand"],
    [{ buildCommand: " " }, "docsPagesWorkflow: buildCommand"],
    [{ nodeVersion: "twenty" }, "docsPagesWorkflow: nodeVersion"],
    [{ branch: "a b" }, "docsPagesWorkflow: branch"],
  ])("rejects %j, naming %s", (props, path) => {
    expect(() => docsPagesWorkflow(props)).toThrow(PropsError);
    expect(() => docsPagesWorkflow(props)).toThrow(new RegExp(`^${path.replace(/\./g, "\\.")}: `));
  });

  it("passes actionlint and the workflow schema", async () => {
    const yaml = renderWorkflow(workflow);
    expect(await actionlint(yaml, `.github/workflows/${DOCS_PAGES_WORKFLOW_FILE}`)).toEqual([]);
    expect(actionValidator(yaml)).toEqual([]);
  });
});
