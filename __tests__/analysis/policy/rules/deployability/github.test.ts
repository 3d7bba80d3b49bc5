/**
 * The GitHub deployability rules (SUMA-DEP-101..149): each runs over a violating fixture (a
 * finding on the named resource that says what is wrong) and a compliant one, built in code;
 * the default app has no finding from them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig } from "../../../../../config";
import { deployabilityFindings, type TerraformJson } from "../../../../../analysis/policy";
import { GITHUB_DEPLOYABILITY_RULES } from "../../../../../analysis/policy/rules/deployability/github";
import { buildApp } from "../../../../../stacks/app";
import { readSynthesizedApp } from "../../../../../stacks/synth-checks";

type Values = Record<string, unknown>;
const REPO = "${github_repository.repo.name}";
const APP = "1043712";

const appProvider = {
  github: [
    {
      owner: "suma-finance",
      app_auth: { id: APP, installation_id: "58213904", pem_file: "${var.github_app_private_key}" },
    },
  ],
};
const tokenProvider = { github: [{ owner: "suma-finance" }] };
const products = (plan: string, secretProtection = plan !== "free") => ({
  github_organization: { value: { plan, secret_protection: secretProtection } },
});

const repository = (extra: Values = {}): Values => ({
  name: "auth-service",
  visibility: "private",
  auto_init: true,
  ...extra,
});
const file = (extra: Values = {}): Values => ({
  repository: REPO,
  branch: "main",
  file: ".github/CODEOWNERS",
  content: "* @suma-finance/platform",
  overwrite_on_create: true,
  ...extra,
});
const pullRequest = { required_approving_review_count: 2, require_code_owner_review: true };
const ruleset = (extra: Values = {}): Values => ({
  name: "default-branch",
  repository: REPO,
  target: "branch",
  enforcement: "active",
  conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
  rules: {
    deletion: true,
    pull_request: pullRequest,
    required_status_checks: { required_check: [{ context: "test", integration_id: 15368 }] },
  },
  bypass_actors: [{ actor_type: "Integration", actor_id: Number(APP), bypass_mode: "always" }],
  ...extra,
});
const environment = (extra: Values = {}): Values => ({
  repository: REPO,
  environment: "prod",
  wait_timer: 0,
  can_admins_bypass: true,
  prevent_self_review: false,
  ...extra,
});

interface StackParts {
  resources: Record<string, Record<string, Values>>;
  provider?: Record<string, unknown>;
  output?: Record<string, unknown>;
  import?: Values[];
}
const stack = (parts: StackParts): TerraformJson =>
  ({
    resource: parts.resources,
    provider: parts.provider ?? appProvider,
    output: parts.output,
    import: parts.import,
  }) as TerraformJson;

function findings(ruleId: string, json: TerraformJson) {
  const rule = GITHUB_DEPLOYABILITY_RULES.find((r) => r.id === ruleId)!;
  return deployabilityFindings(
    { stacks: { github: json }, dependencies: { github: [] } },
    { rules: [rule], appChecks: [] },
  );
}

interface Row {
  id: string;
  what: string;
  violating: TerraformJson;
  address: string;
  expect: RegExp;
  compliant: Array<[string, TerraformJson]>;
}

const ROWS: Row[] = [
  {
    id: "SUMA-DEP-101",
    what: "a file on a repository created without auto_init and not imported",
    violating: stack({
      resources: {
        github_repository: { repo: repository({ auto_init: undefined }) },
        github_repository_file: { codeowners: file() },
      },
    }),
    address: "github_repository_file.codeowners",
    expect: /created without auto_init.*not imported.*no branch/,
    compliant: [
      [
        "a repository created with auto_init",
        stack({
          resources: { github_repository: { repo: repository() }, github_repository_file: { codeowners: file() } },
        }),
      ],
      [
        "an existing repository adopted through an import",
        stack({
          resources: {
            github_repository: { repo: repository({ auto_init: undefined }) },
            github_repository_file: { codeowners: file() },
          },
          import: [{ to: "github_repository.repo", id: "auth-service" }],
        }),
      ],
    ],
  },
  {
    id: "SUMA-DEP-102",
    what: "a pull-request ruleset on the branch Terraform commits to, with no bypass",
    violating: stack({
      resources: {
        github_repository: { repo: repository() },
        github_repository_ruleset: { main: ruleset({ bypass_actors: undefined }) },
        github_repository_file: { codeowners: file() },
      },
    }),
    address: "github_repository_ruleset.main",
    expect:
      /pull_request, required_status_checks refuse\(s\) direct commits.*GitHub App 1043712, which bypass_actors does not list/,
    compliant: [
      [
        "the automation's App bypasses with mode always",
        stack({
          resources: {
            github_repository: { repo: repository() },
            github_repository_ruleset: { main: ruleset() },
            github_repository_file: { codeowners: file() },
          },
        }),
      ],
      [
        "the file goes to a branch the ruleset does not target",
        stack({
          resources: {
            github_repository: { repo: repository() },
            github_repository_ruleset: { main: ruleset({ bypass_actors: undefined }) },
            github_repository_file: { codeowners: file({ branch: "infra-sync" }) },
          },
        }),
      ],
    ],
  },
  {
    id: "SUMA-DEP-102",
    what: "a ruleset whose fnmatch pattern covers the file's branch",
    violating: stack({
      resources: {
        github_repository: { repo: repository() },
        github_repository_ruleset: {
          main: ruleset({
            bypass_actors: undefined,
            conditions: { ref_name: { include: ["refs/heads/release/**"], exclude: [] } },
          }),
        },
        github_repository_file: { codeowners: file({ branch: "release/2026/q4" }) },
      },
    }),
    address: "github_repository_ruleset.main",
    expect: /github_repository_file\.codeowners \(".github\/CODEOWNERS"\) commits to a branch this ruleset targets/,
    compliant: [
      [
        "the same pattern excluding that branch",
        stack({
          resources: {
            github_repository: { repo: repository() },
            github_repository_ruleset: {
              main: ruleset({
                bypass_actors: undefined,
                conditions: {
                  ref_name: { include: ["refs/heads/release/**"], exclude: ["refs/heads/release/2026/*"] },
                },
              }),
            },
            github_repository_file: { codeowners: file({ branch: "release/2026/q4" }) },
          },
        }),
      ],
    ],
  },
  {
    id: "SUMA-DEP-102",
    what: "an App bypass limited to pull requests",
    violating: stack({
      resources: {
        github_repository: { repo: repository() },
        github_repository_ruleset: {
          main: ruleset({
            bypass_actors: [{ actor_type: "Integration", actor_id: Number(APP), bypass_mode: "pull_request" }],
          }),
        },
        github_repository_file: { codeowners: file() },
      },
    }),
    address: "github_repository_ruleset.main",
    expect: /does not list with bypass_mode "always"/,
    compliant: [],
  },
  {
    id: "SUMA-DEP-102",
    what: "files committed with a token, which no bypass can name",
    violating: stack({
      resources: {
        github_repository: { repo: repository() },
        github_repository_ruleset: { main: ruleset() },
        github_repository_file: { codeowners: file() },
      },
      provider: tokenProvider,
    }),
    address: "github_repository_ruleset.main",
    expect: /as a token, not as a GitHub App/,
    compliant: [],
  },
  {
    id: "SUMA-DEP-103",
    what: "an environment in a private repository on GitHub Free",
    violating: stack({
      resources: { github_repository: { repo: repository() }, github_repository_environment: { prod: environment() } },
      output: products("free"),
    }),
    address: "github_repository_environment.prod",
    expect: /GitHub Free offers environments on public repositories only/,
    compliant: [
      [
        "GitHub Team",
        stack({
          resources: {
            github_repository: { repo: repository() },
            github_repository_environment: { prod: environment() },
          },
          output: products("team"),
        }),
      ],
      [
        "a public repository on Free",
        stack({
          resources: {
            github_repository: { repo: repository({ visibility: "public" }) },
            github_repository_environment: { prod: environment() },
          },
          output: products("free"),
        }),
      ],
    ],
  },
  {
    id: "SUMA-DEP-104",
    what: "reviewers, a wait timer and no admin bypass in a private repository on GitHub Team",
    violating: stack({
      resources: {
        github_repository: { repo: repository() },
        github_repository_environment: {
          prod: environment({
            reviewers: [{ teams: "${tolist([1])}" }],
            wait_timer: 10,
            can_admins_bypass: false,
            prevent_self_review: true,
          }),
        },
      },
      output: products("team"),
    }),
    address: "github_repository_environment.prod",
    expect:
      /sets required reviewers, prevent_self_review, a wait timer of 10 minutes, can_admins_bypass = false .* plan is "team"/,
    compliant: [
      [
        "the same protection on Enterprise",
        stack({
          resources: {
            github_repository: { repo: repository() },
            github_repository_environment: {
              prod: environment({
                reviewers: [{ teams: "${tolist([1])}" }],
                wait_timer: 10,
                can_admins_bypass: false,
                prevent_self_review: true,
              }),
            },
          },
          output: products("enterprise"),
        }),
      ],
      [
        "a Team-plan environment with deployment branches only",
        stack({
          resources: {
            github_repository: { repo: repository() },
            github_repository_environment: { prod: environment() },
          },
          output: products("team"),
        }),
      ],
    ],
  },
  {
    id: "SUMA-DEP-105",
    what: "secret scanning on a private repository without Secret Protection",
    violating: stack({
      resources: {
        github_repository: {
          repo: repository({
            security_and_analysis: {
              advanced_security: { status: "enabled" },
              secret_scanning: { status: "enabled" },
              secret_scanning_push_protection: { status: "enabled" },
            },
          }),
        },
      },
      output: products("team", false),
    }),
    address: "github_repository.repo",
    expect:
      /secret_scanning and secret_scanning_push_protection enabled on a private repository.*no GitHub Secret Protection/,
    compliant: [
      [
        "with Secret Protection",
        stack({
          resources: {
            github_repository: {
              repo: repository({ security_and_analysis: { secret_scanning: { status: "enabled" } } }),
            },
          },
          output: products("enterprise", true),
        }),
      ],
      [
        "scanning off",
        stack({ resources: { github_repository: { repo: repository() } }, output: products("team", false) }),
      ],
    ],
  },
  {
    id: "SUMA-DEP-106",
    what: "a ruleset on a private repository on GitHub Free",
    violating: stack({
      resources: { github_repository: { repo: repository() }, github_repository_ruleset: { main: ruleset() } },
      output: products("free"),
    }),
    address: "github_repository_ruleset.main",
    expect: /GitHub Free offers rulesets on public repositories only/,
    compliant: [
      [
        "GitHub Team",
        stack({
          resources: { github_repository: { repo: repository() }, github_repository_ruleset: { main: ruleset() } },
          output: products("team"),
        }),
      ],
    ],
  },
  {
    id: "SUMA-DEP-107",
    what: "an internal repository on GitHub Team",
    violating: stack({
      resources: { github_repository: { repo: repository({ visibility: "internal" }) } },
      output: products("team"),
    }),
    address: "github_repository.repo",
    expect: /"internal", which exists only on GitHub Enterprise/,
    compliant: [
      [
        "on Enterprise",
        stack({
          resources: { github_repository: { repo: repository({ visibility: "internal" }) } },
          output: products("enterprise"),
        }),
      ],
    ],
  },
];

describe("GitHub deployability rules", () => {
  it("every rule has a violating and a compliant fixture, an id in SUMA-DEP-101..149, a constraint and a documentation source", () => {
    for (const rule of GITHUB_DEPLOYABILITY_RULES) {
      expect(rule.id).toMatch(/^SUMA-DEP-1([0-3]\d|4[0-9])$/);
      expect(Number(rule.id.slice(-3))).toBeGreaterThanOrEqual(101);
      expect(ROWS.some((r) => r.id === rule.id)).toBe(true);
      expect(ROWS.filter((r) => r.id === rule.id).flatMap((r) => r.compliant).length).toBeGreaterThan(0);
      expect(rule.constraint.length).toBeGreaterThan(40);
      expect(rule.source.url).toMatch(/^https:\/\/(docs\.github\.com|registry\.terraform\.io)\//);
      expect(rule.rationale).toMatch(/Fix:/);
      expect(rule.controls.soc2).toEqual(expect.arrayContaining(["CC8.1", "A1.2"]));
    }
  });

  it.each(ROWS.map((r) => [r.id, r.what, r] as const))("%s flags %s", (id, _what, row) => {
    const found = findings(id, row.violating);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.ruleId === id && f.severity === "error" && f.address === row.address)).toBe(true);
    expect(found.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(row.expect)]));
  });

  const compliant = ROWS.flatMap((r) => r.compliant.map(([what, json]) => [r.id, what, json] as const));
  it.each(compliant)("%s passes %s", (id, _what, json) => {
    expect(findings(id, json)).toEqual([]);
  });
});

describe("the default app", () => {
  it("has no finding from the GitHub deployability rules", () => {
    const outdir = mkdtempSync(join(tmpdir(), "suma-dep-github-"));
    try {
      buildApp(loadConfig(defaultAppConfig), { outdir }).app.synth();
      const app = readSynthesizedApp(outdir);
      expect(Object.keys(app.stacks).some((name) => app.stacks[name]!.resource?.github_repository_file)).toBe(true);
      expect(deployabilityFindings(app, { rules: GITHUB_DEPLOYABILITY_RULES, appChecks: [] })).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
