/**
 * Typed GitHub Actions workflow model and its one serializer. Workflows are built as objects
 * and rendered with `yaml`; nothing in this folder writes YAML by hand. Pure TypeScript: the
 * construct that commits the file (github_repository_file) lives elsewhere.
 *
 * Only the parts of the workflow syntax this repository uses are modelled; add fields as
 * needed, keeping the GitHub key spelling (`runs-on`, `timeout-minutes`, ...).
 */
import { Document, isScalar, visit } from "yaml";
import { versionOfPinnedAction } from "./actions";

/** A `${{ ... }}` expression or a literal string. */
export type Expression = string;

export interface PushTrigger {
  readonly branches?: readonly string[];
  readonly "branches-ignore"?: readonly string[];
  readonly tags?: readonly string[];
  readonly "tags-ignore"?: readonly string[];
  readonly paths?: readonly string[];
  readonly "paths-ignore"?: readonly string[];
}

export interface PullRequestTrigger {
  readonly branches?: readonly string[];
  readonly "branches-ignore"?: readonly string[];
  readonly paths?: readonly string[];
  readonly "paths-ignore"?: readonly string[];
  readonly types?: readonly (
    "opened" | "synchronize" | "reopened" | "ready_for_review" | "labeled" | "unlabeled" | "closed" | "edited"
  )[];
}

export type WorkflowDispatchInput =
  | {
      readonly description?: string;
      readonly required?: boolean;
      readonly type: "string" | "environment";
      readonly default?: string;
    }
  | { readonly description?: string; readonly required?: boolean; readonly type: "boolean"; readonly default?: boolean }
  | {
      readonly description?: string;
      readonly required?: boolean;
      readonly type: "choice";
      readonly options: readonly string[];
      readonly default?: string;
    };

export interface WorkflowDispatchTrigger {
  readonly inputs?: Readonly<Record<string, WorkflowDispatchInput>>;
}

/** The `on:` block. An empty object (`{}`) means "this event, unfiltered". */
export interface WorkflowTriggers {
  readonly push?: PushTrigger;
  readonly pull_request?: PullRequestTrigger;
  readonly workflow_dispatch?: WorkflowDispatchTrigger;
  readonly schedule?: readonly { readonly cron: string }[];
}

export type PermissionLevel = "read" | "write" | "none";

/** GITHUB_TOKEN scopes. `id-token` only knows `write` (mint an OIDC token) and `none`. */
export interface Permissions {
  readonly actions?: PermissionLevel;
  readonly attestations?: PermissionLevel;
  readonly checks?: PermissionLevel;
  readonly contents?: PermissionLevel;
  readonly deployments?: PermissionLevel;
  readonly discussions?: PermissionLevel;
  readonly "id-token"?: "write" | "none";
  readonly issues?: PermissionLevel;
  readonly packages?: PermissionLevel;
  readonly pages?: PermissionLevel;
  readonly "pull-requests"?: PermissionLevel;
  readonly "security-events"?: PermissionLevel;
  readonly statuses?: PermissionLevel;
}

export interface Concurrency {
  readonly group: Expression;
  /** `true`, `false` or an expression such as `${{ github.event_name == 'pull_request' }}`. */
  readonly "cancel-in-progress": boolean | Expression;
}

export interface JobEnvironment {
  readonly name: string;
  readonly url?: Expression;
}

export type StepWith = Readonly<Record<string, string | number | boolean>>;
export type EnvVars = Readonly<Record<string, string | number | boolean>>;

interface StepBase {
  readonly id?: string;
  readonly name?: string;
  readonly if?: Expression;
  readonly env?: EnvVars;
  readonly "continue-on-error"?: boolean;
  readonly "timeout-minutes"?: number;
}

/** A step that runs an action. `run`/`shell` are not allowed with `uses`. */
export interface UsesStep extends StepBase {
  readonly uses: string;
  readonly with?: StepWith;
  readonly run?: never;
  readonly shell?: never;
}

/** A step that runs a script. `uses`/`with` are not allowed with `run`. */
export interface RunStep extends StepBase {
  readonly run: string;
  readonly shell?: "bash" | "sh" | "pwsh" | "python";
  readonly "working-directory"?: string;
  readonly uses?: never;
  readonly with?: never;
}

export type Step = UsesStep | RunStep;

export interface Job {
  readonly name?: string;
  readonly "runs-on": string | readonly string[];
  readonly needs?: string | readonly string[];
  readonly if?: Expression;
  readonly environment?: JobEnvironment;
  readonly permissions?: Permissions;
  readonly concurrency?: Concurrency;
  readonly outputs?: Readonly<Record<string, Expression>>;
  readonly env?: EnvVars;
  readonly defaults?: { readonly run: { readonly shell?: string; readonly "working-directory"?: string } };
  readonly "timeout-minutes"?: number;
  readonly steps: readonly Step[];
}

export interface Workflow {
  readonly name: string;
  readonly "run-name"?: Expression;
  readonly on: WorkflowTriggers;
  readonly permissions: Permissions;
  readonly concurrency?: Concurrency;
  readonly env?: EnvVars;
  readonly defaults?: { readonly run: { readonly shell?: string; readonly "working-directory"?: string } };
  readonly jobs: Readonly<Record<string, Job>>;
}

export interface RenderOptions {
  /**
   * Who generated the file, named in the header comment.
   * @default "modules/github/workflows"
   */
  readonly generator?: string;
}

/**
 * The workflow as YAML: a header comment saying the file is generated, then the document.
 * No anchors or aliases (shared objects are written out in full), no line folding
 * (`lineWidth: 0`, so `run:` scripts come out as literal blocks, byte for byte), and every
 * pinned action's `uses:` carries its version as a trailing comment (`# v4.2.2`) so update
 * bots and reviewers can read it.
 */
export function renderWorkflow(workflow: Workflow, options: RenderOptions = {}): string {
  const doc = new Document(workflow, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_key, pair) {
      if (
        isScalar(pair.key) &&
        pair.key.value === "uses" &&
        isScalar(pair.value) &&
        typeof pair.value.value === "string"
      ) {
        const version = versionOfPinnedAction(pair.value.value);
        if (version !== undefined) pair.value.comment = ` ${version}`;
      }
    },
  });
  const generator = options.generator ?? "modules/github/workflows";
  if (/[\r\n]/.test(generator)) throw new Error("renderWorkflow: generator must be one line");
  doc.commentBefore = [
    ` Generated by ${generator} (TypeScript) and committed by infrastructure code.`,
    " Do not edit by hand: change the generator and re-apply, or your edit will be overwritten.",
  ].join("\n");
  return doc.toString({ lineWidth: 0 });
}
