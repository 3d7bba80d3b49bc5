/** Prop checks for the workflow builders: each failure names the prop path and the reason. */

export class WorkflowPropsError extends Error {
  constructor(
    /** e.g. `deployWorkflow.environments[1].name` */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "WorkflowPropsError";
  }
}

export type Fail = (prop: string, reason: string) => never;

export function failer(where: string): Fail {
  return (prop, reason) => {
    throw new WorkflowPropsError(`${where}.${prop}`, reason);
  };
}

/** A repository-relative file path of plain characters: no `..`, no leading `/`, nothing a shell would expand. */
const REPO_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_./-]+$/;

export function checkRepoPath(fail: Fail, prop: string, value: string): void {
  if (!REPO_PATH.test(value)) fail(prop, `"${value}" must be a path inside the repository made of letters, digits, "_", ".", "-" and "/", without ".."`);
}

/** Docker repository names: lower-case path components separated by "/". */
const IMAGE_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

export function checkImageName(fail: Fail, prop: string, value: string): void {
  if (!IMAGE_NAME.test(value) || value.length > 128) fail(prop, `"${value}" must be a Docker repository name: lower-case letters, digits, ".", "_", "-" and "/"`);
}

export function checkWholeNumber(fail: Fail, prop: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) fail(prop, `must be a whole number from ${min} to ${max}; got ${value}`);
}

/** An HTTP path such as `/health`: starts with "/", plain URL characters only. */
const HTTP_PATH = /^\/[A-Za-z0-9_.~/-]*$/;

export function checkHttpPath(fail: Fail, prop: string, value: string): void {
  if (!HTTP_PATH.test(value)) fail(prop, `"${value}" must be a path starting with "/" of letters, digits, "_", ".", "~", "-" and "/"`);
}

/** A runner label such as `ubuntu-24.04` or `ubuntu-latest`. */
const RUNNER_LABEL = /^[A-Za-z0-9_.-]+$/;

export function checkRunnerLabel(fail: Fail, prop: string, value: string): void {
  if (!RUNNER_LABEL.test(value)) fail(prop, `"${value}" must be a runner label of letters, digits, "_", "." and "-"`);
}
