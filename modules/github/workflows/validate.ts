/**
 * Shared prop checks of the workflow builders. Each returns the problems of one prop as
 * `<prop>: <reason>` lines (empty when it is fine); a builder collects them all and throws one
 * PropsError (modules/core/validation.ts) naming itself, e.g. `deployWorkflow: healthPath: ...`.
 */
import { notWholeNumberIn } from "../../core/validation";

/** A repository-relative file path of plain characters: no `..`, no leading `/`, nothing a shell would expand. */
const REPO_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_./-]+$/;

export function repoPathProblems(prop: string, value: string): string[] {
  return REPO_PATH.test(value)
    ? []
    : [
        `${prop}: "${value}" must be a path inside the repository made of letters, digits, "_", ".", "-" and "/", without ".."`,
      ];
}

/** Docker repository names: lower-case path components separated by "/". */
const IMAGE_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

export function imageNameProblems(prop: string, value: string): string[] {
  return IMAGE_NAME.test(value) && value.length <= 128
    ? []
    : [`${prop}: "${value}" must be a Docker repository name: lower-case letters, digits, ".", "_", "-" and "/"`];
}

export function wholeNumberProblems(prop: string, value: number, min: number, max: number): string[] {
  return notWholeNumberIn(value, min, max)
    ? [`${prop}: must be a whole number from ${min} to ${max}; got ${value}`]
    : [];
}

/** An HTTP path such as `/health`: starts with "/", plain URL characters only. */
const HTTP_PATH = /^\/[A-Za-z0-9_.~/-]*$/;

export function httpPathProblems(prop: string, value: string): string[] {
  return HTTP_PATH.test(value)
    ? []
    : [`${prop}: "${value}" must be a path starting with "/" of letters, digits, "_", ".", "~", "-" and "/"`];
}

/** A runner label such as `ubuntu-24.04` or `ubuntu-latest`. */
const RUNNER_LABEL = /^[A-Za-z0-9_.-]+$/;

export function runnerLabelProblems(prop: string, value: string): string[] {
  return RUNNER_LABEL.test(value)
    ? []
    : [`${prop}: "${value}" must be a runner label of letters, digits, "_", "." and "-"`];
}

/** A Node.js version as actions/setup-node takes it: 20, 20.19, lts/*, lts/<codename>, latest, ... */
const NODE_VERSION = /^(?:\d+(?:\.\d+){0,2}|lts\/\*|lts\/[a-z]+|latest|current|node)$/;

export function nodeVersionProblems(prop: string, value: string): string[] {
  return NODE_VERSION.test(value) ? [] : [`${prop}: "${value}" must be a Node.js version such as 20, 20.19 or lts/*`];
}

/** A branch name of plain characters. */
const BRANCH = /^[A-Za-z0-9._/-]+$/;

export function branchProblems(prop: string, value: string): string[] {
  return BRANCH.test(value) ? [] : [`${prop}: "${value}" must be a branch name`];
}

/** One command line that the workflow runs in bash: no line breaks, no `${{ }}` (it would be interpolated into the script). */
export function commandLineProblems(prop: string, value: string): string[] {
  return [
    ...(value.trim() === "" || value.includes("\n") ? [`${prop}: must be one non-empty command line`] : []),
    ...(value.includes("${{")
      ? [`${prop}: must not hold \${{ }} expressions (they would be interpolated into the script)`]
      : []),
  ];
}
