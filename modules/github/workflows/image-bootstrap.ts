/**
 * The image bootstrap workflow: publishes the first image of the service into each account's
 * ECR repository, before the environment stacks exist.
 *
 * Why: every environment stack's task definition names an image tag (the service's
 * `imageTag`, "bootstrap" by default), and the ECS service starts tasks as soon as Terraform
 * creates it. Nothing else pushes that tag before the first apply (the deploy workflow needs
 * the environments' deploy roles, which the environment stacks create), so without this step
 * the first apply leaves services crash-looping on CannotPullContainerError. It runs once per
 * account on day one, by hand (`workflow_dispatch`), from the default branch only, in its own
 * GitHub environment; a tag already in ECR is left alone (ECR tags are immutable), so running
 * it again, for example before adding an environment, is safe.
 */
import { ACTIONS } from "./actions";
import type { Job, Step, Workflow } from "./model";
import { DEFAULT_IMAGE_CONTRACT, imageContractProblems, type ImageContract } from "../../ecs-service/image-contract";
import { imageContractCheckStep } from "./image-contract-check";
import { bashScript, shellQuote } from "./script";
import { AWS_REGION, IAM_ROLE_ARN } from "../../core/patterns";
import { throwIfProblems } from "../../core/validation";
import { repoPathProblems, runnerLabelProblems } from "./validate";

/** One account's repository to fill. */
export interface ImageBootstrapTarget {
  /** Job id suffix, e.g. the account's config name: lower-case letters, digits and "-". */
  readonly name: string;
  /** The role the job assumes (the account's image publish role). */
  readonly roleArn: string;
  /** Region of the account's repository (replication copies it to DR regions). */
  readonly region: string;
  /** ECR repository name. */
  readonly repository: string;
  /** Image tags the environment stacks' task definitions name. */
  readonly tags: readonly string[];
}

/** Props of `imageBootstrapWorkflow`: the accounts' repositories to fill and how the image is built. */
export interface ImageBootstrapWorkflowProps {
  /** One job per account. */
  readonly targets: readonly ImageBootstrapTarget[];
  /**
   * GitHub environment of the jobs; the publish roles trust only this environment.
   * @default IMAGE_BOOTSTRAP_ENVIRONMENT
   */
  readonly environment?: string;
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
   * What the image must keep before it is pushed (see the deploy workflow's `imageContract`).
   * @default DEFAULT_IMAGE_CONTRACT
   */
  readonly imageContract?: ImageContract;
  /**
   * Runner label.
   * @default "ubuntu-24.04"
   */
  readonly runsOn?: string;
}

/** The GitHub environment the bootstrap jobs run in. */
export const IMAGE_BOOTSTRAP_ENVIRONMENT = "image-bootstrap";
/** The workflow's file name under `.github/workflows/`. */
export const IMAGE_BOOTSTRAP_WORKFLOW_FILE = "image-bootstrap.yml";

const JOB_NAME = /^[a-z][a-z0-9-]{0,40}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const REPOSITORY = /^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/;

/** The `if:` of the steps that run only when some tag is missing. */
const MISSING = "steps.missing.outputs.tags != ''";

/** The job id of one account's bootstrap job. */
export function imageBootstrapJobId(target: string): string {
  return `bootstrap-${target}`;
}

/** ImageBootstrapWorkflowProps with defaults filled in. */
export type CheckedImageBootstrapWorkflowProps = Required<ImageBootstrapWorkflowProps>;

function withDefaults(props: ImageBootstrapWorkflowProps): CheckedImageBootstrapWorkflowProps {
  return {
    targets: props.targets,
    environment: props.environment ?? IMAGE_BOOTSTRAP_ENVIRONMENT,
    dockerfile: props.dockerfile ?? "backend/auth-service/Dockerfile",
    buildContext: props.buildContext ?? ".",
    runsOn: props.runsOn ?? "ubuntu-24.04",
    imageContract: props.imageContract ?? DEFAULT_IMAGE_CONTRACT,
  };
}

function targetProblems(t: ImageBootstrapTarget, i: number): string[] {
  const problems: string[] = [];
  const at = `targets[${i}]`;
  if (!JOB_NAME.test(t.name))
    problems.push(`${at}.name: "${t.name}" must be lower-case letters, digits and "-", starting with a letter`);
  if (!IAM_ROLE_ARN.test(t.roleArn)) problems.push(`${at}.roleArn: "${t.roleArn}" is not an IAM role ARN`);
  if (!AWS_REGION.test(t.region)) problems.push(`${at}.region: "${t.region}" is not an AWS region`);
  if (!REPOSITORY.test(t.repository))
    problems.push(`${at}.repository: "${t.repository}" is not an ECR repository name`);
  if (t.tags.length === 0) problems.push(`${at}.tags: must name at least one tag`);
  t.tags.forEach((tag, j) => {
    if (!TAG.test(tag)) problems.push(`${at}.tags[${j}]: "${tag}" is not an image tag`);
  });
  return problems;
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function imageBootstrapWorkflowProblems(props: ImageBootstrapWorkflowProps): string[] {
  const { environment, dockerfile, buildContext, runsOn, imageContract } = withDefaults(props);
  const problems: string[] = [];
  if (props.targets.length === 0) problems.push("targets: must list at least one account");
  const names = props.targets.map((t) => t.name);
  props.targets.forEach((t, i) => {
    problems.push(...targetProblems(t, i));
    if (names.indexOf(t.name) !== i) problems.push(`targets[${i}].name: "${t.name}" is listed twice`);
  });
  if (!JOB_NAME.test(environment))
    problems.push(`environment: "${environment}" must be lower-case letters, digits and "-"`);
  return [
    ...problems,
    ...repoPathProblems("dockerfile", dockerfile),
    ...(buildContext !== "." ? repoPathProblems("buildContext", buildContext) : []),
    ...runnerLabelProblems("runsOn", runsOn),
    ...imageContractProblems(imageContract, "imageContract"),
  ];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkImageBootstrapWorkflowProps(
  where: string,
  props: ImageBootstrapWorkflowProps,
): CheckedImageBootstrapWorkflowProps {
  throwIfProblems(where, imageBootstrapWorkflowProblems(props));
  return withDefaults(props);
}

/**
 * The image bootstrap workflow: by hand only, one job per target that builds the image once, checks its contract
 * and pushes it under each tag ECR does not have yet. Throws a PropsError listing every invalid prop.
 */
export function imageBootstrapWorkflow(props: ImageBootstrapWorkflowProps): Workflow {
  const checked = checkImageBootstrapWorkflowProps("imageBootstrapWorkflow", props);
  const jobs: Record<string, Job> = {};
  for (const target of checked.targets) jobs[imageBootstrapJobId(target.name)] = targetJob(checked, target);
  return {
    name: "Image bootstrap",
    on: { workflow_dispatch: {} },
    permissions: { contents: "read" },
    jobs,
  };
}

/** One target's job: sign in to its account, find the missing tags, build, check and push once. */
function targetJob(checked: CheckedImageBootstrapWorkflowProps, target: ImageBootstrapTarget): Job {
  return {
    name: `Publish the first image to ${target.name}`,
    "runs-on": checked.runsOn,
    environment: { name: checked.environment },
    permissions: { "id-token": "write", contents: "read" },
    concurrency: { group: `image-bootstrap-${target.name}`, "cancel-in-progress": false },
    "timeout-minutes": 30,
    steps: [
      { name: "Check out", uses: ACTIONS.checkout.uses, with: { "persist-credentials": false } },
      {
        name: "Configure AWS credentials (OIDC)",
        uses: ACTIONS.configureAwsCredentials.uses,
        with: {
          "role-to-assume": target.roleArn,
          "aws-region": target.region,
          "role-session-name": `github-image-bootstrap-\${{ github.run_id }}`,
        },
      },
      { id: "ecr", name: "Log in to Amazon ECR", uses: ACTIONS.amazonEcrLogin.uses },
      missingTagsStep(target),
      {
        id: "build",
        name: "Build the image once",
        if: MISSING,
        shell: "bash",
        env: { ECR_REPOSITORY: target.repository },
        run: bashScript(
          `docker build -t "$ECR_REPOSITORY:$GITHUB_SHA" -f ${shellQuote(checked.dockerfile)} ${shellQuote(checked.buildContext)}`,
          `echo "uri=$ECR_REPOSITORY:$GITHUB_SHA" >> "$GITHUB_OUTPUT"`,
        ),
      },
      imageContractCheckStep({ contract: checked.imageContract, image: "${{ steps.build.outputs.uri }}", if: MISSING }),
      pushStep(target),
    ],
  };
}

/** Lists the target's tags ECR does not have yet, as the step output `tags`. */
function missingTagsStep(target: ImageBootstrapTarget): Step {
  return {
    id: "missing",
    name: "Which tags is ECR missing?",
    shell: "bash",
    env: { ECR_REPOSITORY: target.repository },
    run: bashScript(
      `missing=""`,
      `for tag in ${target.tags.map(shellQuote).join(" ")}; do`,
      `  # ECR tags are immutable: a tag that is already there is the image the stacks run.`,
      `  if aws ecr describe-images --repository-name "$ECR_REPOSITORY" --image-ids imageTag="$tag" > /dev/null 2>&1; then`,
      `    echo "$ECR_REPOSITORY:$tag is already in ECR"`,
      `    continue`,
      `  fi`,
      `  missing="\${missing:+$missing }$tag"`,
      `done`,
      `echo "tags=$missing" >> "$GITHUB_OUTPUT"`,
    ),
  };
}

/** Tags the checked image with each missing tag and pushes it. */
function pushStep(target: ImageBootstrapTarget): Step {
  return {
    id: "push",
    name: "Push the checked image under each missing tag",
    if: MISSING,
    shell: "bash",
    env: {
      ECR_REGISTRY: "${{ steps.ecr.outputs.registry }}",
      ECR_REPOSITORY: target.repository,
      MISSING_TAGS: "${{ steps.missing.outputs.tags }}",
    },
    run: bashScript(
      // The tags the workflow publishes are the literal list of the "missing" step (SUMA-DEP-605 reads it there).
      `read -r -a missing <<< "$MISSING_TAGS"`,
      `for missing_tag in "\${missing[@]}"; do`,
      `  docker tag "$ECR_REPOSITORY:$GITHUB_SHA" "$ECR_REGISTRY/$ECR_REPOSITORY:$missing_tag"`,
      `  docker push "$ECR_REGISTRY/$ECR_REPOSITORY:$missing_tag"`,
      `  echo "Published $ECR_REPOSITORY:$missing_tag from $GITHUB_SHA" >> "$GITHUB_STEP_SUMMARY"`,
      `done`,
    ),
  };
}
