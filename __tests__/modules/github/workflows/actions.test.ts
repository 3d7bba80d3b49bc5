import { ACTIONS, isPinned, TRIVY_VERSION, versionOfPinnedAction } from "../../../../modules/github/workflows";

describe("ACTIONS", () => {
  it.each(Object.entries(ACTIONS))("%s is pinned to a full commit SHA with its release version", (_key, action) => {
    expect(action.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(action.uses).toBe(`${action.repo}@${action.sha}`);
    expect(action.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(isPinned(action.uses)).toBe(true);
    expect(versionOfPinnedAction(action.uses)).toBe(action.version);
  });

  it("covers the actions the workflows need", () => {
    expect(Object.values(ACTIONS).map((a) => a.repo)).toEqual(
      expect.arrayContaining([
        "actions/checkout",
        "actions/setup-node",
        "aws-actions/configure-aws-credentials",
        "aws-actions/amazon-ecr-login",
        "aws-actions/amazon-ecs-render-task-definition",
        "aws-actions/amazon-ecs-deploy-task-definition",
        "aquasecurity/trivy-action",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
      ]),
    );
  });

  it("pins trivy-action to the release made after the tag compromise and the Trivy CLI to a release before it", () => {
    expect(ACTIONS.trivy.version).toBe("v0.35.0");
    expect(TRIVY_VERSION).toBe("v0.69.3");
  });
});

describe("isPinned", () => {
  it.each([
    "actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd",
    "github/codeql-action/init@0123456789abcdef0123456789abcdef01234567",
    "./.github/actions/setup",
    `docker://alpine@sha256:${"a".repeat(64)}`,
  ])("accepts %s", (uses) => expect(isPinned(uses)).toBe(true));

  it.each([
    "actions/checkout@v4",
    "actions/checkout@v4.2.2",
    "actions/checkout@main",
    "actions/checkout@de0fac2",
    "actions/checkout@DE0FAC2E4500DABE0009E67214FF5F5447CE83DD",
    "actions/checkout",
    "actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd0",
    "docker://alpine:3.20",
    "docker://alpine",
    "./local@v1",
  ])("rejects %s", (uses) => expect(isPinned(uses)).toBe(false));
});
