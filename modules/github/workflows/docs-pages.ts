/**
 * The API reference workflow: builds the TypeDoc site on every push to the default branch (and
 * by hand) and publishes it with GitHub Pages' Actions deployment. The build job can only read
 * the repository; the deploy job alone may write to Pages and mint the OIDC token
 * `actions/deploy-pages` needs, in the `github-pages` environment that Pages deployments use.
 *
 * The repository's Pages site must be set to deploy from GitHub Actions (Settings, Pages,
 * Source: GitHub Actions); `actions/configure-pages` checks that before anything is deployed.
 */
import { ACTIONS } from "./actions";
import type { Workflow } from "./model";
import { bashScript } from "./script";
import { throwIfProblems } from "../../core/validation";
import {
  branchProblems,
  commandLineProblems,
  nodeVersionProblems,
  repoPathProblems,
  runnerLabelProblems,
} from "./validate";

/** The workflow's file name under `.github/workflows/`. */
export const DOCS_PAGES_WORKFLOW_FILE = "docs-pages.yml";
/** The environment GitHub Pages deployments run in (GitHub creates it with the Pages site). */
export const PAGES_ENVIRONMENT = "github-pages";

/** Props of `docsPagesWorkflow`: Node.js version, trigger branch, build command and site directory. */
export interface DocsPagesWorkflowProps {
  /**
   * Node.js version for the build (`actions/setup-node` syntax: `20`, `20.19`, `lts/*`).
   * @default "20"
   */
  readonly nodeVersion?: string;
  /**
   * Branch whose pushes publish the reference.
   * @default "main"
   */
  readonly branch?: string;
  /**
   * The command, after `npm ci`, that writes the site.
   * @default "npm run docs:api"
   */
  readonly buildCommand?: string;
  /**
   * The directory the command writes the site into, relative to the repository root.
   * @default "dist/api" (typedoc.json's `out`)
   */
  readonly siteDir?: string;
  /**
   * Runner label.
   * @default "ubuntu-24.04"
   */
  readonly runsOn?: string;
}

function withDefaults(props: DocsPagesWorkflowProps): Required<DocsPagesWorkflowProps> {
  return {
    nodeVersion: props.nodeVersion ?? "20",
    branch: props.branch ?? "main",
    buildCommand: props.buildCommand ?? "npm run docs:api",
    siteDir: props.siteDir ?? "dist/api",
    runsOn: props.runsOn ?? "ubuntu-24.04",
  };
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function docsPagesWorkflowProblems(props: DocsPagesWorkflowProps = {}): string[] {
  const { nodeVersion, branch, buildCommand, siteDir, runsOn } = withDefaults(props);
  return [
    ...nodeVersionProblems("nodeVersion", nodeVersion),
    ...branchProblems("branch", branch),
    ...commandLineProblems("buildCommand", buildCommand),
    ...repoPathProblems("siteDir", siteDir),
    ...runnerLabelProblems("runsOn", runsOn),
  ];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkDocsPagesWorkflowProps(
  where: string,
  props: DocsPagesWorkflowProps = {},
): Required<DocsPagesWorkflowProps> {
  throwIfProblems(where, docsPagesWorkflowProblems(props));
  return withDefaults(props);
}

/**
 * The API reference workflow: a read-only build job uploads the site, a deploy job in the `github-pages`
 * environment publishes it; runs on pushes to `branch` and by hand. Throws a PropsError listing every invalid prop.
 */
export function docsPagesWorkflow(props: DocsPagesWorkflowProps = {}): Workflow {
  const { nodeVersion, branch, buildCommand, siteDir, runsOn } = checkDocsPagesWorkflowProps(
    "docsPagesWorkflow",
    props,
  );

  return {
    name: "API reference",
    on: { push: { branches: [branch] }, workflow_dispatch: {} },
    permissions: { contents: "read" },
    // One publication at a time, and a running one is never cancelled half-way.
    concurrency: { group: "pages", "cancel-in-progress": false },
    jobs: {
      build: {
        name: "Build the API reference",
        "runs-on": runsOn,
        "timeout-minutes": 15,
        steps: [
          { name: "Check out", uses: ACTIONS.checkout.uses, with: { "persist-credentials": false } },
          { name: "Set up Node.js", uses: ACTIONS.setupNode.uses, with: { "node-version": nodeVersion, cache: "npm" } },
          { name: "Install dependencies", shell: "bash", run: bashScript("npm ci") },
          { name: "Build the site", shell: "bash", run: bashScript(buildCommand) },
          { name: "Upload the site", uses: ACTIONS.uploadPagesArtifact.uses, with: { path: siteDir } },
        ],
      },
      deploy: {
        name: "Publish to GitHub Pages",
        needs: "build",
        "runs-on": runsOn,
        "timeout-minutes": 10,
        environment: { name: PAGES_ENVIRONMENT, url: "${{ steps.deployment.outputs.page_url }}" },
        permissions: { pages: "write", "id-token": "write" },
        steps: [
          { name: "Check the Pages site deploys from Actions", uses: ACTIONS.configurePages.uses },
          { id: "deployment", name: "Deploy", uses: ACTIONS.deployPages.uses },
        ],
      },
    },
  };
}
