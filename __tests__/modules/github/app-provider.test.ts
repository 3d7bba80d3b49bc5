import {
  GITHUB_APP_PRIVATE_KEY_VARIABLE,
  GitHubAppProvider,
  GitHubOrganization,
  type GitHubAppProviderProps,
} from "../../../modules/github";
import { synthConstruct } from "../../support/stack-json";

const base: GitHubAppProviderProps = { owner: "suma-finance", appId: 1043712, installationId: 58213904 };
type Json = {
  provider?: Record<string, Array<Record<string, unknown>>>;
  variable?: Record<string, Record<string, unknown>>;
  output?: Record<string, { value: unknown }>;
};
const synth = (props: Partial<GitHubAppProviderProps> = {}) =>
  synthConstruct((s) => void new GitHubAppProvider(s, "github", { ...base, ...props })) as Json;

describe("GitHubAppProvider", () => {
  it("authenticates as the App with ids from props and the key from a variable", () => {
    const json = synth();
    expect(json.provider!.github).toEqual([
      {
        owner: "suma-finance",
        app_auth: {
          id: "1043712",
          installation_id: "58213904",
          pem_file: `\${var.${GITHUB_APP_PRIVATE_KEY_VARIABLE}}`,
        },
      },
    ]);
  });

  it("declares the key variable sensitive and ephemeral (escape hatch: cdktf 0.21 has no ephemeral field), with no default", () => {
    const variable = synth().variable![GITHUB_APP_PRIVATE_KEY_VARIABLE]!;
    expect(variable).toMatchObject({ type: "string", sensitive: true, ephemeral: true, nullable: false });
    expect(variable).not.toHaveProperty("default");
  });

  it("refuses malformed ids, the GitHub Actions app and a bad variable name, all at once", () => {
    expect(() => synth({ appId: 15368, installationId: 0, privateKeyVariable: "Key-1" })).toThrow(
      /installationId: must be a positive whole number; got 0\n.*appId: 15368 is the GitHub Actions app[\s\S]*privateKeyVariable: "Key-1"/,
    );
  });
});

describe("GitHubOrganization", () => {
  const outputOf = (props: ConstructorParameters<typeof GitHubOrganization>[2]) =>
    (synthConstruct((s) => void new GitHubOrganization(s, "org", props)) as Json).output!.github_organization!.value;

  it("records the plan and products in the github_organization output", () => {
    expect(outputOf({ plan: "enterprise", secretProtection: true })).toEqual({
      plan: "enterprise",
      secret_protection: true,
    });
    expect(outputOf({ plan: "team" })).toEqual({ plan: "team", secret_protection: false });
  });

  it("answers which environment features a visibility gets on the plan", () => {
    let team: GitHubOrganization | undefined;
    let free: GitHubOrganization | undefined;
    synthConstruct((s) => {
      team = new GitHubOrganization(s, "team", { plan: "team" });
      free = new GitHubOrganization(s, "free", { plan: "free" });
    });
    expect([
      team!.environments("private"),
      team!.environmentProtection("private"),
      team!.environmentProtection("public"),
    ]).toEqual([true, false, true]);
    expect([free!.environments("private"), free!.environments("public")]).toEqual([false, true]);
  });

  it("refuses Secret Protection on a plan that can't buy it", () => {
    expect(() => outputOf({ plan: "free", secretProtection: true })).toThrow(
      /secretProtection: GitHub Secret Protection is sold to organizations on Team and Enterprise only; the plan is "free"/,
    );
  });
});
