import { Construct } from "constructs";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { RepositoryFile } from "@cdktf/provider-github/lib/repository-file";
import { codeownersProblems, DEFAULT_CODEOWNERS_SOURCE, renderCodeowners, type CodeownersEntry } from "./codeowners";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { terraformLiteral } from "../core/json-attribute";

/** Props of `CodeOwnersFile`: the repository and branch the CODEOWNERS file is committed to, and its owners. */
export interface CodeOwnersFileProps {
  /** Repository name (e.g. `GovernedRepository.repositoryName`). */
  readonly repository: string;
  /** The branch the file is committed to; it must exist. @default "main" */
  readonly branch?: string;
  /** CODEOWNERS lines in order; the last matching pattern wins. At least one. */
  readonly entries: readonly CodeownersEntry[];
  /**
   * `org/team-slug` names with push access or higher on the repository (e.g. from
   * `TeamAccess.writeTeams()` prefixed with the organization). Every team owner must be here.
   */
  readonly grantedWriteTeams: readonly string[];
  /** Where the header says the file is generated from. @default DEFAULT_CODEOWNERS_SOURCE */
  readonly source?: string;
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

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function codeOwnersFileProblems(props: CodeOwnersFileProps): string[] {
  const problems: string[] = [];
  const branch = props.branch ?? "main";
  if (props.entries.length === 0) problems.push("entries: give at least one entry");
  if (!/^[^\s~^:?*[\\]+$/.test(branch)) problems.push(`branch: "${branch}" is not a valid branch name`);
  return [...problems, ...codeownersProblems(props.entries, props.grantedWriteTeams)];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkCodeOwnersFileProps(
  where: string,
  props: CodeOwnersFileProps,
): WithDefaults<CodeOwnersFileProps, "branch"> {
  throwIfProblems(where, codeOwnersFileProblems(props));
  return { ...props, branch: props.branch ?? "main" };
}

/**
 * `.github/CODEOWNERS`, rendered from typed entries and committed by Terraform. The entries
 * are checked at synth: GitHub ignores unsupported syntax and owners without write access
 * silently, which would leave files with no code-owner review.
 */
export class CodeOwnersFile extends Construct {
  /** The committed file resource. */
  readonly file: RepositoryFile;
  /** The rendered file. */
  readonly content: string;

  constructor(scope: Construct, id: string, props: CodeOwnersFileProps) {
    super(scope, id);
    const { branch } = checkCodeOwnersFileProps(this.node.path, props);

    this.content = renderCodeowners(props.entries, props.source ?? DEFAULT_CODEOWNERS_SOURCE);
    this.file = new RepositoryFile(this, "file", {
      repository: props.repository,
      branch,
      file: ".github/CODEOWNERS",
      content: terraformLiteral(this.content),
      commitMessage: "Update CODEOWNERS (managed by cdktf)",
      overwriteOnCreate: true,
      dependsOn: props.dependsOn,
      provider: props.provider,
    });
  }
}
