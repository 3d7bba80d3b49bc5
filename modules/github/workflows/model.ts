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

/** GitHub Actions workflow syntax, `on.push`: filters on the pushed ref and changed files. */
export interface PushTrigger {
  /** Branch patterns whose pushes trigger the workflow. */
  readonly branches?: readonly string[];
  /** Branch patterns whose pushes do not trigger the workflow. */
  readonly "branches-ignore"?: readonly string[];
  /** Tag patterns whose pushes trigger the workflow. */
  readonly tags?: readonly string[];
  /** Tag patterns whose pushes do not trigger the workflow. */
  readonly "tags-ignore"?: readonly string[];
  /** Path globs: the workflow runs only when a changed file matches one. */
  readonly paths?: readonly string[];
  /** Path globs: the workflow does not run when every changed file matches one. */
  readonly "paths-ignore"?: readonly string[];
}

/** GitHub Actions workflow syntax, `on.pull_request`: filters on the base branch, changed files and activity. */
export interface PullRequestTrigger {
  /** Base-branch patterns: pull requests targeting a matching branch trigger the workflow. */
  readonly branches?: readonly string[];
  /** Base-branch patterns: pull requests targeting a matching branch do not trigger the workflow. */
  readonly "branches-ignore"?: readonly string[];
  /** Path globs: the workflow runs only when a changed file matches one. */
  readonly paths?: readonly string[];
  /** Path globs: the workflow does not run when every changed file matches one. */
  readonly "paths-ignore"?: readonly string[];
  /** Pull request activity types that trigger the workflow; GitHub's default is opened, synchronize, reopened. */
  readonly types?: readonly (
    "opened" | "synchronize" | "reopened" | "ready_for_review" | "labeled" | "unlabeled" | "closed" | "edited"
  )[];
}

/**
 * GitHub Actions workflow syntax, `on.workflow_dispatch.inputs.<input_id>`: one input of a manual run, typed by
 * `type` (free text or an environment name, a boolean, or one of a fixed list of choices).
 */
export type WorkflowDispatchInput =
  | {
      /** Help text shown next to the input in the "Run workflow" form. */
      readonly description?: string;
      /** Whether the run form refuses to start without a value. */
      readonly required?: boolean;
      /** `string` for free text, `environment` for a picker over the repository's environments. */
      readonly type: "string" | "environment";
      /** Value pre-filled in the run form. */
      readonly default?: string;
    }
  | {
      /** Help text shown next to the input in the "Run workflow" form. */
      readonly description?: string;
      /** Whether the run form refuses to start without a value. */
      readonly required?: boolean;
      /** A checkbox. */
      readonly type: "boolean";
      /** Whether the checkbox starts ticked. */
      readonly default?: boolean;
    }
  | {
      /** Help text shown next to the input in the "Run workflow" form. */
      readonly description?: string;
      /** Whether the run form refuses to start without a value. */
      readonly required?: boolean;
      /** A drop-down over `options`. */
      readonly type: "choice";
      /** The values the drop-down offers. */
      readonly options: readonly string[];
      /** Option pre-selected in the run form. */
      readonly default?: string;
    };

/** GitHub Actions workflow syntax, `on.workflow_dispatch`: lets the workflow be started by hand or through the API. */
export interface WorkflowDispatchTrigger {
  /** The run form's inputs by input id; a job reads them as `inputs.<id>`. */
  readonly inputs?: Readonly<Record<string, WorkflowDispatchInput>>;
}

/** The `on:` block. An empty object (`{}`) means "this event, unfiltered". */
export interface WorkflowTriggers {
  /** Run on pushes to the repository. */
  readonly push?: PushTrigger;
  /** Run on pull request activity (the run uses the pull request's merge commit). */
  readonly pull_request?: PullRequestTrigger;
  /** Allow manual runs from the Actions tab or the API. */
  readonly workflow_dispatch?: WorkflowDispatchTrigger;
  /** Run on a timetable, on the default branch. */
  readonly schedule?: readonly {
    /** POSIX cron expression, evaluated in UTC (five fields, minute first). */
    readonly cron: string;
  }[];
}

/** GitHub Actions workflow syntax, `permissions`: the access a GITHUB_TOKEN scope grants. */
export type PermissionLevel = "read" | "write" | "none";

/** GITHUB_TOKEN scopes. `id-token` only knows `write` (mint an OIDC token) and `none`. */
export interface Permissions {
  /** Workflow runs and artifacts (e.g. cancel a run, download artifacts). */
  readonly actions?: PermissionLevel;
  /** Artifact attestations (write to create build provenance). */
  readonly attestations?: PermissionLevel;
  /** Check runs and check suites. */
  readonly checks?: PermissionLevel;
  /** Repository contents, commits, branches, tags and releases (read to check out). */
  readonly contents?: PermissionLevel;
  /** Deployments and deployment statuses. */
  readonly deployments?: PermissionLevel;
  /** GitHub Discussions. */
  readonly discussions?: PermissionLevel;
  /** Minting an OIDC token for cloud federation (e.g. assuming an AWS IAM role). */
  readonly "id-token"?: "write" | "none";
  /** Issues and their comments. */
  readonly issues?: PermissionLevel;
  /** GitHub Packages (write to publish). */
  readonly packages?: PermissionLevel;
  /** GitHub Pages builds and deployments. */
  readonly pages?: PermissionLevel;
  /** Pull requests, their reviews and comments. */
  readonly "pull-requests"?: PermissionLevel;
  /** Code scanning and Dependabot alerts (write to upload SARIF). */
  readonly "security-events"?: PermissionLevel;
  /** Commit statuses. */
  readonly statuses?: PermissionLevel;
}

/** GitHub Actions workflow syntax, `concurrency`: at most one running and one pending run per group. */
export interface Concurrency {
  /** Group key; runs (or jobs) with the same key queue behind each other. */
  readonly group: Expression;
  /** `true`, `false` or an expression such as `${{ github.event_name == 'pull_request' }}`. */
  readonly "cancel-in-progress": boolean | Expression;
}

/** GitHub Actions workflow syntax, `jobs.<job_id>.environment`: the deployment environment a job runs in. */
export interface JobEnvironment {
  /** Environment name; its protection rules, secrets and variables apply to the job. */
  readonly name: string;
  /** URL shown on the deployment in the GitHub UI (may be an expression over step outputs). */
  readonly url?: Expression;
}

/** GitHub Actions workflow syntax, `jobs.<job_id>.steps[*].with`: the action's inputs by name. */
export type StepWith = Readonly<Record<string, string | number | boolean>>;
/** GitHub Actions workflow syntax, `env`: environment variables by name, at workflow, job or step level. */
export type EnvVars = Readonly<Record<string, string | number | boolean>>;

interface StepBase {
  /** Step id; later steps read its outputs as `steps.<id>.outputs.<name>`. */
  readonly id?: string;
  /** Label shown in the run log. */
  readonly name?: string;
  /** Condition; the step runs only when it is true. */
  readonly if?: Expression;
  /** Environment variables for this step only. */
  readonly env?: EnvVars;
  /** When true, a failure of this step does not fail the job. */
  readonly "continue-on-error"?: boolean;
  /** Minutes before GitHub cancels the step. */
  readonly "timeout-minutes"?: number;
}

/**
 * GitHub Actions workflow syntax, `jobs.<job_id>.steps[*]` with `uses`: a step that runs an action.
 * `run`/`shell` are not allowed with `uses`.
 */
export interface UsesStep extends StepBase {
  /** The action, as `owner/repo@ref` (pinned actions come from `ACTIONS`, with a commit SHA as ref). */
  readonly uses: string;
  /** The action's inputs. */
  readonly with?: StepWith;
  /** Not allowed on an action step. */
  readonly run?: never;
  /** Not allowed on an action step. */
  readonly shell?: never;
}

/**
 * GitHub Actions workflow syntax, `jobs.<job_id>.steps[*]` with `run`: a step that runs a script.
 * `uses`/`with` are not allowed with `run`.
 */
export interface RunStep extends StepBase {
  /** The script, run by `shell`; rendered as a literal block. */
  readonly run: string;
  /** Shell that runs the script; without it the job's default (bash on Linux runners) applies. */
  readonly shell?: "bash" | "sh" | "pwsh" | "python";
  /** Directory the script runs in, relative to the workspace. */
  readonly "working-directory"?: string;
  /** Not allowed on a script step. */
  readonly uses?: never;
  /** Not allowed on a script step. */
  readonly with?: never;
}

/** One entry of `jobs.<job_id>.steps`: an action step or a script step. */
export type Step = UsesStep | RunStep;

/** GitHub Actions workflow syntax, `jobs.<job_id>`: one job, run on one runner. */
export interface Job {
  /** Label shown in the UI; it is also the check name a ruleset's required status check matches. */
  readonly name?: string;
  /** Runner label (e.g. `ubuntu-24.04`), or labels a self-hosted runner must all carry. */
  readonly "runs-on": string | readonly string[];
  /** Job ids that must succeed before this job starts; their outputs are read as `needs.<id>.outputs.<name>`. */
  readonly needs?: string | readonly string[];
  /** Condition; the job runs only when it is true. */
  readonly if?: Expression;
  /** Deployment environment; its protection rules gate the job and its secrets become readable. */
  readonly environment?: JobEnvironment;
  /** GITHUB_TOKEN scopes for this job; they replace the workflow-level `permissions`. */
  readonly permissions?: Permissions;
  /** Concurrency group for this job. */
  readonly concurrency?: Concurrency;
  /** Values later jobs read as `needs.<job_id>.outputs.<name>`, usually from step outputs. */
  readonly outputs?: Readonly<Record<string, Expression>>;
  /** Environment variables for every step of the job. */
  readonly env?: EnvVars;
  /** Defaults for every `run` step of the job. */
  readonly defaults?: {
    /** Defaults for script steps. */
    readonly run: {
      /** Shell for steps that name none. */
      readonly shell?: string;
      /** Directory script steps run in, relative to the workspace. */
      readonly "working-directory"?: string;
    };
  };
  /** Minutes before GitHub cancels the job (GitHub's default is 360). */
  readonly "timeout-minutes"?: number;
  /** The steps, run in order. */
  readonly steps: readonly Step[];
}

/** GitHub Actions workflow syntax: a whole workflow file, rendered by `renderWorkflow`. */
export interface Workflow {
  /** Name shown in the Actions tab. */
  readonly name: string;
  /** Name of each run in the Actions tab (may be an expression over the event). */
  readonly "run-name"?: Expression;
  /** The events that start the workflow. */
  readonly on: WorkflowTriggers;
  /** GITHUB_TOKEN scopes for every job that sets none; required here so no workflow gets the repository default. */
  readonly permissions: Permissions;
  /** Concurrency group for whole runs. */
  readonly concurrency?: Concurrency;
  /** Environment variables for every job. */
  readonly env?: EnvVars;
  /** Defaults for every `run` step of every job. */
  readonly defaults?: {
    /** Defaults for script steps. */
    readonly run: {
      /** Shell for steps that name none. */
      readonly shell?: string;
      /** Directory script steps run in, relative to the workspace. */
      readonly "working-directory"?: string;
    };
  };
  /** The jobs by job id; jobs without `needs` run in parallel. */
  readonly jobs: Readonly<Record<string, Job>>;
}

/** Options of `renderWorkflow`. */
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
