import { Construct } from "constructs";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { RepositoryFile } from "@cdktf/provider-github/lib/repository-file";
import { terraformLiteral } from "../core/json-attribute";
import { throwIfProblems } from "../core/validation";
import { renderWorkflow, type Workflow } from "./workflows";

/** Props of `WorkflowFile`: the workflow and the repository, branch and file name it is committed to. */
export interface WorkflowFileProps {
  /** Name of the repository the workflow file is committed to. */
  readonly repository: string;
  /** File name under `.github/workflows/`, e.g. `ci.yml`. */
  readonly fileName: string;
  /** The workflow, rendered to YAML as the file's content. */
  readonly workflow: Workflow;
  /**
   * Branch the file is committed to.
   * @default "main"
   */
  readonly branch?: string;
  /**
   * Resources the commit must wait for, e.g. the branch ruleset whose bypass admits the
   * automation's commits, so that every apply (the first included) orders the commit after it.
   * @default none beyond the repository reference
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * GitHub provider (owner and credentials) the resources are created with.
   * @default the stack's default GitHub provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function workflowFileProblems(props: WorkflowFileProps): string[] {
  return /^[a-z0-9][a-z0-9._-]*\.ya?ml$/.test(props.fileName)
    ? []
    : [`fileName "${props.fileName}" must be a .yml or .yaml file name`];
}

/** Throws one PropsError with every problem of the props; returns them unchanged. */
export function checkWorkflowFileProps(where: string, props: WorkflowFileProps): WorkflowFileProps {
  throwIfProblems(where, workflowFileProblems(props));
  return props;
}

/** Commits a workflow rendered from its typed definition; edits in the repository are overwritten. */
export class WorkflowFile extends Construct {
  /** The committed file resource. */
  readonly file: RepositoryFile;
  /** The rendered workflow YAML. */
  readonly content: string;

  constructor(scope: Construct, id: string, props: WorkflowFileProps) {
    super(scope, id);
    checkWorkflowFileProps(this.node.path, props);
    this.content = renderWorkflow(props.workflow);
    this.file = new RepositoryFile(this, "file", {
      repository: props.repository,
      branch: props.branch ?? "main",
      file: `.github/workflows/${props.fileName}`,
      // GitHub's `${{ }}` expressions must reach the file as written, not as Terraform templates.
      content: terraformLiteral(this.content),
      commitMessage: `Update ${props.fileName} (managed by cdktf)`,
      overwriteOnCreate: true,
      dependsOn: props.dependsOn,
      provider: props.provider,
    });
  }
}
