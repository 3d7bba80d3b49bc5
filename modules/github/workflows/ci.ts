/**
 * The CI workflow: the pull-request gate. Its job ids and names are the status checks branch
 * protection requires ({@link CI_REQUIRED_CHECKS}), so a rename here must go with a change of
 * the required checks.
 */
import { ACTIONS, TRIVY_VERSION } from "./actions";
import type { Job, Step, Workflow } from "./model";
import { bashScript, shellQuote } from "./script";
import { throwIfProblems } from "../../core/validation";
import {
  branchProblems,
  commandLineProblems,
  imageNameProblems,
  nodeVersionProblems,
  repoPathProblems,
  runnerLabelProblems,
} from "./validate";

/** Status checks branch protection requires; each is a CI job id and that job's name. */
export const CI_REQUIRED_CHECKS = ["lint", "test", "build", "docker-build", "image-scan"] as const;
/** One of {@link CI_REQUIRED_CHECKS}: a CI job id, equal to the job's name and its status check context. */
export type CiRequiredCheck = (typeof CI_REQUIRED_CHECKS)[number];

/** The npm-based checks, each one command after `npm ci`. */
export type NpmCheck = "lint" | "test" | "build";

/** Command each npm check job runs after `npm ci` when `CiWorkflowProps.checks` does not override it. */
export const DEFAULT_NPM_CHECKS: Readonly<Record<NpmCheck, string>> = {
  lint: "npm run lint",
  test: "npm test",
  build: "npm run build",
};

/** Severities that fail the image scan. */
export const IMAGE_SCAN_FAIL_ON = ["CRITICAL", "HIGH"] as const;

/** Props of `ciWorkflow`: the service's Node.js version, Dockerfile, image name, trigger branch and runner. */
export interface CiWorkflowProps {
  /**
   * Node.js version for lint, test and build (`actions/setup-node` syntax: `20`, `20.19`, `lts/*`).
   * @default "20"
   */
  readonly nodeVersion?: string;
  /**
   * Dockerfile of the service image, relative to the repository root.
   * @default "backend/auth-service/Dockerfile"
   */
  readonly dockerfile?: string;
  /**
   * Docker build context, relative to the repository root.
   * @default "."
   */
  readonly buildContext?: string;
  /**
   * Local name of the image docker-build and image-scan build (tagged with the commit SHA; never pushed).
   * @default "auth-service"
   */
  readonly imageName?: string;
  /**
   * The command each npm check runs after `npm ci`.
   * @default DEFAULT_NPM_CHECKS (`npm run lint`, `npm test`, `npm run build`)
   */
  readonly checks?: Partial<Record<NpmCheck, string>>;
  /**
   * Branch whose pushes run CI (pull requests run it whatever their base).
   * @default "main"
   */
  readonly branch?: string;
  /**
   * Runner label.
   * @default "ubuntu-24.04"
   */
  readonly runsOn?: string;
}

/** CiWorkflowProps with defaults filled in (every npm check's command included). */
export type CheckedCiWorkflowProps = Required<Omit<CiWorkflowProps, "checks">> & {
  /** Command of every npm check: `DEFAULT_NPM_CHECKS` overlaid with the caller's `checks`. */
  readonly checks: Readonly<Record<NpmCheck, string>>;
};

function withDefaults(props: CiWorkflowProps): CheckedCiWorkflowProps {
  return {
    nodeVersion: props.nodeVersion ?? "20",
    dockerfile: props.dockerfile ?? "backend/auth-service/Dockerfile",
    buildContext: props.buildContext ?? ".",
    imageName: props.imageName ?? "auth-service",
    branch: props.branch ?? "main",
    runsOn: props.runsOn ?? "ubuntu-24.04",
    checks: { ...DEFAULT_NPM_CHECKS, ...props.checks },
  };
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function ciWorkflowProblems(props: CiWorkflowProps = {}): string[] {
  const { nodeVersion, dockerfile, buildContext, imageName, branch, runsOn, checks } = withDefaults(props);
  return [
    ...nodeVersionProblems("nodeVersion", nodeVersion),
    ...repoPathProblems("dockerfile", dockerfile),
    ...(buildContext !== "." ? repoPathProblems("buildContext", buildContext) : []),
    ...imageNameProblems("imageName", imageName),
    ...branchProblems("branch", branch),
    ...runnerLabelProblems("runsOn", runsOn),
    ...Object.entries(checks).flatMap(([check, command]) => commandLineProblems(`checks.${check}`, command)),
  ];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkCiWorkflowProps(where: string, props: CiWorkflowProps = {}): CheckedCiWorkflowProps {
  throwIfProblems(where, ciWorkflowProblems(props));
  return withDefaults(props);
}

/**
 * The CI workflow: lint, test and build (npm), docker-build and image-scan (Trivy, fails on CRITICAL/HIGH) jobs,
 * on every pull request and on pushes to `branch`; a newer pull-request run cancels the older one.
 * Throws a PropsError listing every invalid prop.
 */
export function ciWorkflow(props: CiWorkflowProps = {}): Workflow {
  const { nodeVersion, dockerfile, buildContext, imageName, branch, runsOn, checks } = checkCiWorkflowProps(
    "ciWorkflow",
    props,
  );

  const checkout = (): Step => ({
    name: "Check out",
    uses: ACTIONS.checkout.uses,
    with: { "persist-credentials": false },
  });

  const npmJob = (check: NpmCheck): Job => ({
    name: check,
    "runs-on": runsOn,
    "timeout-minutes": 15,
    steps: [
      checkout(),
      { name: "Set up Node.js", uses: ACTIONS.setupNode.uses, with: { "node-version": nodeVersion, cache: "npm" } },
      { name: "Install dependencies", shell: "bash", run: bashScript("npm ci") },
      { name: `Run ${check}`, shell: "bash", run: bashScript(checks[check]) },
    ],
  });

  const localImage = `${imageName}:\${IMAGE_TAG}`;
  const dockerBuild = (): Step => ({
    name: "Build the image",
    shell: "bash",
    env: { IMAGE_TAG: "${{ github.sha }}" },
    run: bashScript(`docker build -t "${localImage}" -f ${shellQuote(dockerfile)} ${shellQuote(buildContext)}`),
  });

  const jobs: Record<CiRequiredCheck, Job> = {
    lint: npmJob("lint"),
    test: npmJob("test"),
    build: npmJob("build"),
    "docker-build": {
      name: "docker-build",
      "runs-on": runsOn,
      "timeout-minutes": 30,
      steps: [checkout(), dockerBuild()],
    },
    "image-scan": {
      name: "image-scan",
      "runs-on": runsOn,
      "timeout-minutes": 30,
      steps: [
        checkout(),
        dockerBuild(),
        {
          name: `Scan the image (fails on ${IMAGE_SCAN_FAIL_ON.join(", ")})`,
          uses: ACTIONS.trivy.uses,
          with: {
            "image-ref": `${imageName}:\${{ github.sha }}`,
            "scan-type": "image",
            format: "table",
            severity: IMAGE_SCAN_FAIL_ON.join(","),
            "vuln-type": "os,library",
            "ignore-unfixed": true,
            "exit-code": "1",
            version: TRIVY_VERSION,
          },
        },
      ],
    },
  };

  return {
    name: "CI",
    on: {
      pull_request: {},
      push: { branches: [branch] },
    },
    permissions: { contents: "read" },
    concurrency: {
      group: "${{ github.workflow }}-${{ github.ref }}",
      "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
    },
    jobs,
  };
}
