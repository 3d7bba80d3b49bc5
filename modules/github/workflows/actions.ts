/**
 * Third-party actions the generated workflows use, each pinned to the full 40-hex commit of a
 * release tag. A tag can be moved (the March 2026 trivy-action compromise force-pushed 76 of its
 * tags onto malicious commits); a commit cannot. The version is kept next to the SHA and is
 * written as a trailing `# vX.Y.Z` comment by `renderWorkflow`, so update bots can bump both.
 *
 * Every SHA here was checked against public workflow files and generated tag-to-SHA release
 * lists that pin the same `owner/repo@sha` with the same `# version` comment; trivy-action's
 * v0.35.0 SHA is also the one its maintainers named as safe in the incident thread
 * (aquasecurity/trivy-action#541). To bump one, take the commit the release tag points at
 * (`git ls-remote https://github.com/<repo> 'refs/tags/<tag>*'`, the peeled `^{}` line for an
 * annotated tag), never a SHA seen only in a pull request or a fork.
 */

export interface PinnedAction {
  /** `owner/repo` (or `owner/repo/path` for an action in a subfolder). */
  readonly repo: string;
  /** Full 40-hex commit SHA the release tag points at. */
  readonly sha: string;
  /** The release tag, e.g. `v4.2.2`. */
  readonly version: string;
  /** What goes into a step's `uses:`: `owner/repo@sha`. */
  readonly uses: string;
}

const SHA = /^[0-9a-f]{40}$/;

function pin(repo: string, sha: string, version: string): PinnedAction {
  if (!SHA.test(sha)) throw new Error(`actions: ${repo}: "${sha}" must be a full 40-hex commit SHA`);
  return { repo, sha, version, uses: `${repo}@${sha}` };
}

/** Every third-party action the generated workflows may use, pinned by commit; steps take `ACTIONS.<name>.uses`. */
export const ACTIONS = {
  /** Checks the repository out into the workspace. */
  checkout: pin("actions/checkout", "de0fac2e4500dabe0009e67214ff5f5447ce83dd", "v6.0.2"),
  /** Installs Node.js (and can restore the npm cache). */
  setupNode: pin("actions/setup-node", "53b83947a5a98c8d113130e565377fae1a50d02f", "v6.3.0"),
  /** Assumes an AWS IAM role with the job's GitHub OIDC token and exports the session credentials. */
  configureAwsCredentials: pin(
    "aws-actions/configure-aws-credentials",
    "ec61189d14ec14c8efccab744f656cffd0e33f37",
    "v6.1.0",
  ),
  /** Logs Docker in to Amazon ECR with the job's AWS credentials. */
  amazonEcrLogin: pin("aws-actions/amazon-ecr-login", "f2e9fc6c2b355c1890b65e6f6f0e2ac3e6e22f78", "v2.1.2"),
  /** Writes a new image URI into an ECS task definition JSON file. */
  amazonEcsRenderTaskDefinition: pin(
    "aws-actions/amazon-ecs-render-task-definition",
    "77954e213ba1f9f9cb016b86a1d4f6fcdea0d57e",
    "v1.8.4",
  ),
  /** Registers an ECS task definition and updates the service to it. */
  amazonEcsDeployTaskDefinition: pin(
    "aws-actions/amazon-ecs-deploy-task-definition",
    "fc8fc60f3a60ffd500fcb13b209c59d221ac8c8c",
    "v2.6.1",
  ),
  /** Reads the repository's GitHub Pages settings for the build. */
  configurePages: pin("actions/configure-pages", "983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
  /** Uploads a folder as the GitHub Pages artifact. */
  uploadPagesArtifact: pin("actions/upload-pages-artifact", "56afc609e74202658d3ffba0e8f6dda462b719fa", "v3.0.1"),
  /** Deploys the uploaded Pages artifact to GitHub Pages. */
  deployPages: pin("actions/deploy-pages", "d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "v4.0.5"),
  /** v0.35.0: the first release after the March 2026 incident, made with immutable tags. */
  trivy: pin("aquasecurity/trivy-action", "57a97c7e7821a5776cebc9bb87c984fa69cba8f1", "v0.35.0"),
} as const satisfies Record<string, PinnedAction>;

/**
 * The Trivy CLI release the trivy action installs. Set explicitly rather than left to the
 * action's default: v0.69.4 (and the Docker Hub images v0.69.5/v0.69.6) were the malicious
 * releases of the same incident.
 */
export const TRIVY_VERSION = "v0.69.3";

const REMOTE_PINNED = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@\s]+)?@[0-9a-f]{40}$/;
const DOCKER_DIGEST = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/;

/**
 * True when a step's `uses:` cannot change under us: a remote action at a full 40-hex commit
 * SHA, a local action (`./path`, versioned with this repository), or a Docker image by digest
 * (`docker://image@sha256:<64 hex>`). Tags, branches and short SHAs are not pinned.
 */
export function isPinned(uses: string): boolean {
  if (uses.startsWith("./")) return !uses.includes("@");
  if (uses.startsWith("docker://")) return DOCKER_DIGEST.test(uses);
  return REMOTE_PINNED.test(uses);
}

const VERSION_BY_USES: ReadonlyMap<string, string> = new Map(Object.values(ACTIONS).map((a) => [a.uses, a.version]));

/** The release tag of one of {@link ACTIONS} by its `uses:` string, or undefined. */
export function versionOfPinnedAction(uses: string): string | undefined {
  return VERSION_BY_USES.get(uses);
}
