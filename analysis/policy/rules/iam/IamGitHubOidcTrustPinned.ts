import type { PolicyRule, RuleSubject } from "../../rule";
import { resourcesOfType } from "../../terraform-json";
import { type NormalizedStatement, parseReference, readPolicy, stringsOf } from "../../rule-helpers";

/** The issuer of GitHub Actions OIDC tokens; also the prefix of its condition keys. */
export const GITHUB_OIDC_ISSUER = "token.actions.githubusercontent.com";
const AUD = `${GITHUB_OIDC_ISSUER}:aud`;
const SUB = `${GITHUB_OIDC_ISSUER}:sub`;

/** Whether a trust statement lets GitHub Actions tokens assume the role. */
function trustsGitHub(statement: NormalizedStatement, subject: RuleSubject): boolean {
  if (statement.effect !== "Allow") return false;
  const webIdentity = statement.actions.some((a) =>
    ["sts:assumerolewithwebidentity", "sts:*", "*"].includes(a.trim().toLowerCase()),
  );
  if (!webIdentity) return false;
  const conditionKeys = Object.values(statement.condition).flatMap((keys) => Object.keys(keys));
  if (conditionKeys.some((key) => key.startsWith(`${GITHUB_OIDC_ISSUER}:`))) return true;
  const principal = statement.principal;
  const federated = stringsOf(
    typeof principal === "object" && principal !== null ? (principal as { Federated?: unknown }).Federated : undefined,
  );
  return federated.some((f) => {
    if (f.includes(GITHUB_OIDC_ISSUER)) return true;
    const ref = parseReference(f);
    if (ref?.type !== "aws_iam_openid_connect_provider") return false;
    const provider = resourcesOfType(subject.stack, ref.type).find(([name]) => name === ref.name)?.[1];
    return typeof provider?.url === "string" && provider.url.includes(GITHUB_OIDC_ISSUER);
  });
}

/** The repository part of a `repo:OWNER/REPO:...` subject, or undefined for another subject format. */
function repositoryPart(sub: string): string | undefined {
  if (!sub.startsWith("repo:")) return undefined;
  const rest = sub.slice("repo:".length);
  const colon = rest.indexOf(":");
  return colon === -1 ? rest : rest.slice(0, colon);
}

function statementProblems(statement: NormalizedStatement): string[] {
  const problems: string[] = [];
  const equals = statement.condition.StringEquals ?? {};
  const like = statement.condition.StringLike ?? {};

  const aud = stringsOf(equals[AUD]);
  if (aud.length === 0) {
    problems.push(
      `${statement.label} does not pin ${AUD} with StringEquals; add StringEquals { "${AUD}": "sts.amazonaws.com" }`,
    );
  } else if (aud.some((a) => a !== "sts.amazonaws.com")) {
    problems.push(`${statement.label} accepts ${AUD} ${JSON.stringify(aud)}; allow only "sts.amazonaws.com"`);
  }

  const subEquals = stringsOf(equals[SUB]);
  const subLike = stringsOf(like[SUB]);
  if (subEquals.length === 0 && subLike.length === 0) {
    const elsewhere = Object.keys(statement.condition).filter(
      (op) => op !== "StringEquals" && op !== "StringLike" && SUB in (statement.condition[op] ?? {}),
    );
    const note = elsewhere.length > 0 ? ` (it appears under ${elsewhere.join(", ")}, which does not pin it)` : "";
    problems.push(
      `${statement.label} does not pin ${SUB}${note}, so any repository's workflow can assume the role; add StringEquals { "${SUB}": "repo:OWNER/REPO:environment:ENV" }`,
    );
  }
  for (const sub of subEquals) {
    if (sub.trim() === "")
      problems.push(`${statement.label} pins ${SUB} to an empty string; name the repository and environment`);
  }
  for (const sub of subLike) {
    const repository = repositoryPart(sub);
    if (repository === undefined) {
      problems.push(
        `${statement.label} matches ${SUB} with StringLike "${sub}", which does not name a repository (repo:OWNER/REPO:...); use StringEquals with the exact subject`,
      );
    } else if (/[*?]/.test(repository)) {
      problems.push(
        `${statement.label} matches ${SUB} with StringLike "${sub}", a wildcard in the repository part lets other repositories assume the role; name one repository`,
      );
    }
  }
  return problems;
}

/** Roles GitHub Actions can assume are bound to one audience and named repositories (and environments). */
export const IamGitHubOidcTrustPinned: PolicyRule = {
  id: "SUMA-IAM-004",
  title: "GitHub Actions OIDC trust policies pin the audience and the repository subject",
  severity: "error",
  controls: { pci: ["7.2.1", "7.2.5", "8.2.2"], soc2: ["CC6.1", "CC6.2"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  rationale:
    `Every GitHub repository in the world can get a token from ${GITHUB_OIDC_ISSUER}. A trust policy that does not pin ` +
    `${SUB} with StringEquals (or StringLike with no wildcard in the repo:OWNER/REPO part) lets any repository, including an ` +
    `attacker's, deploy to the account; ${AUD} must be exactly sts.amazonaws.com with StringEquals. Pin the subject to an ` +
    "environment (repo:OWNER/REPO:environment:prod) so the environment's required reviewers gate the credentials. " +
    'Fix: Condition { StringEquals: { aud: "sts.amazonaws.com", sub: ["repo:OWNER/REPO:environment:ENV"] } }.',
  check: (subject) => {
    const read = readPolicy(subject.values.assume_role_policy, "assume_role_policy");
    if ("problem" in read)
      return [
        `${read.problem}, so the trust policy cannot be checked; set assumeRolePolicy to JSON.stringify of a policy object`,
      ];
    if (!("document" in read)) return [];
    return read.document.statements.filter((s) => trustsGitHub(s, subject)).flatMap(statementProblems);
  },
};
