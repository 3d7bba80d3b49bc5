import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { DataGithubTeam } from "@cdktf/provider-github/lib/data-github-team";
import { TeamRepository } from "@cdktf/provider-github/lib/team-repository";
import { throwIfProblems } from "../core/validation";
import { isTeamSlug } from "./plans";

/** GitHub's repository roles for a team, weakest first. */
export type TeamPermission = "pull" | "triage" | "push" | "maintain" | "admin";

/** The roles that can push, and so can be code owners. */
export const WRITE_PERMISSIONS: readonly TeamPermission[] = ["push", "maintain", "admin"];

/** One team's access to the repository. */
export interface TeamGrant {
  /** The team's slug in the provider's organization, e.g. `platform-engineers`. */
  readonly slug: string;
  /** Repository role granted to the team; `push` and above make it eligible as a code owner. */
  readonly permission: TeamPermission;
}

/** Props of `TeamAccess`: the repository and the teams granted access to it. */
export interface TeamAccessProps {
  /** Repository name (e.g. `GovernedRepository.repositoryName`). */
  readonly repository: string;
  /** One grant per team; at least one. */
  readonly teams: readonly TeamGrant[];
  /**
   * GitHub provider (owner and credentials) the resources are created with.
   * @default the stack's default GitHub provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function teamAccessProblems(props: TeamAccessProps): string[] {
  const problems: string[] = [];
  if (props.teams.length === 0) problems.push("teams: give at least one team");
  const seen = new Set<string>();
  props.teams.forEach((team, i) => {
    if (!isTeamSlug(team.slug))
      problems.push(`teams[${i}].slug: "${team.slug}" is not a team slug (lowercase letters, digits, "-" and "_")`);
    if (seen.has(team.slug)) problems.push(`teams[${i}].slug: "${team.slug}" is listed twice`);
    seen.add(team.slug);
  });
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them unchanged. */
export function checkTeamAccessProps(where: string, props: TeamAccessProps): TeamAccessProps {
  throwIfProblems(where, teamAccessProblems(props));
  return props;
}

/** Grants existing organization teams a role on a repository, looking their ids up by slug. */
export class TeamAccess extends Construct {
  /** The grants, keyed by team slug. */
  readonly grants: Readonly<Record<string, TeamRepository>>;
  private readonly teams: readonly TeamGrant[];

  constructor(scope: Construct, id: string, props: TeamAccessProps) {
    super(scope, id);
    checkTeamAccessProps(this.node.path, props);
    this.teams = [...props.teams];

    const grants: Record<string, TeamRepository> = {};
    for (const team of props.teams) {
      // summary_only skips listing the team's members and repositories: one API call per team.
      const found = new DataGithubTeam(this, `team-${team.slug}`, {
        slug: team.slug,
        summaryOnly: true,
        provider: props.provider,
      });
      grants[team.slug] = new TeamRepository(this, `access-${team.slug}`, {
        repository: props.repository,
        teamId: found.id,
        permission: team.permission,
        provider: props.provider,
      });
    }
    this.grants = grants;
  }

  /** Slugs of the teams granted push or higher: the teams that may be code owners. */
  writeTeams(): string[] {
    return this.teams.filter((team) => WRITE_PERMISSIONS.includes(team.permission)).map((team) => team.slug);
  }
}
