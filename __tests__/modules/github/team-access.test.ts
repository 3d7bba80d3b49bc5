import { TeamAccess, type TeamAccessProps } from "../../../modules/github";
import { blocks, synthConstruct } from "../../support/stack-json";

const props: TeamAccessProps = {
  repository: "auth-service",
  teams: [
    { slug: "platform", permission: "maintain" },
    { slug: "developers", permission: "push" },
    { slug: "security", permission: "admin" },
    { slug: "support", permission: "triage" },
    { slug: "auditors", permission: "pull" },
  ],
};

function build(p: TeamAccessProps = props) {
  let made: TeamAccess | undefined;
  const stack = synthConstruct((s) => {
    made = new TeamAccess(s, "access", p);
  });
  return { access: made!, stack };
}

describe("TeamAccess", () => {
  const { access, stack } = build();
  const teams = blocks(stack, "github_team", "data");
  const grants = blocks(stack, "github_team_repository");

  it("looks each team up by slug, without listing its members", () => {
    expect(teams).toHaveLength(props.teams.length);
    for (const team of props.teams)
      expect(teams.map((t) => t.values)).toContainEqual({ slug: team.slug, summary_only: true });
  });

  it("grants each team its permission by the id the data source returns", () => {
    expect(grants).toHaveLength(5);
    for (const team of props.teams) {
      const lookup = teams.find((t) => t.values.slug === team.slug)!;
      const grant = grants.find((g) => g.values.team_id === `\${data.github_team.${lookup.name}.id}`);
      expect(grant?.values).toEqual({
        repository: "auth-service",
        team_id: `\${data.github_team.${lookup.name}.id}`,
        permission: team.permission,
      });
    }
  });

  it("lists the teams with push or higher as write teams", () => {
    expect(access.writeTeams()).toEqual(["platform", "developers", "security"]);
  });

  it("exposes the grants by slug", () => {
    expect(Object.keys(access.grants)).toEqual(["platform", "developers", "security", "support", "auditors"]);
  });

  it("refuses no teams, bad slugs and duplicates", () => {
    expect(() => build({ repository: "r", teams: [] })).toThrow("access: teams: give at least one team");
    expect(() => build({ repository: "r", teams: [{ slug: "Platform Team", permission: "push" }] })).toThrow(
      'access: teams[0].slug: "Platform Team" is not a team slug',
    );
    expect(() =>
      build({
        repository: "r",
        teams: [
          { slug: "platform", permission: "push" },
          { slug: "platform", permission: "admin" },
        ],
      }),
    ).toThrow('access: teams[1].slug: "platform" is listed twice');
  });
});
