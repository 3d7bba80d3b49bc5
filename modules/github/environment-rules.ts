import { isGitHubLogin, isTeamSlug } from "./plans";

/** GitHub allows at most this many required reviewers (teams and users together) per environment. */
export const MAX_REQUIRED_REVIEWERS = 6;

/** GitHub's longest environment wait timer: 30 days, in minutes. */
export const MAX_WAIT_TIMER_MINUTES = 43_200;

/** Names that look like credentials, which never belong in plain-text variables. */
export const CREDENTIAL_LIKE_NAME = /(SECRET|TOKEN|PASSWORD|PRIVATE_KEY|ACCESS_KEY)/;

/**
 * What is wrong with an environment name, or undefined. GitHub takes up to 255 characters;
 * this module also keeps to letters, digits, ".", "-" and "_", because the name appears in
 * OIDC subject claims (`repo:org/repo:environment:<name>`) that cloud trust policies match.
 */
export function environmentNameProblem(name: string): string | undefined {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(name)) return undefined;
  return `"${name}" must be 1-255 of letters, digits, ".", "-" and "_", starting with a letter or digit`;
}

/** What is wrong with a set of required reviewers; empty when they are fine. */
export function reviewerProblems(teams: readonly string[], users: readonly string[]): string[] {
  const problems: string[] = [];
  const total = teams.length + users.length;
  if (total > MAX_REQUIRED_REVIEWERS)
    problems.push(`GitHub allows at most ${MAX_REQUIRED_REVIEWERS} required reviewers; got ${total}`);
  teams.forEach((slug, i) => {
    if (!isTeamSlug(slug))
      problems.push(`teams[${i}]: "${slug}" is not a team slug (lowercase letters, digits, "-" and "_")`);
    if (teams.indexOf(slug) !== i) problems.push(`teams[${i}]: "${slug}" is listed twice`);
  });
  users.forEach((login, i) => {
    if (!isGitHubLogin(login))
      problems.push(
        `users[${i}]: "${login}" is not a GitHub username (alphanumerics and single hyphens, at most 39 characters)`,
      );
    if (users.findIndex((u) => u.toLowerCase() === login.toLowerCase()) !== i)
      problems.push(`users[${i}]: "${login}" is listed twice`);
  });
  return problems;
}

/** What is wrong with a wait timer, or undefined. */
export function waitTimerProblem(minutes: number): string | undefined {
  if (Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_WAIT_TIMER_MINUTES) return undefined;
  return `must be a whole number of minutes from 0 to ${MAX_WAIT_TIMER_MINUTES} (30 days); got ${minutes}`;
}

/**
 * What is wrong with an environment variable's name, or undefined. Variables are plain text:
 * shown in the settings, returned by the API and printed unmasked in workflow logs, so names
 * that look like credentials are refused outright.
 */
export function variableNameProblem(name: string): string | undefined {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) return 'names are uppercase letters, digits and "_", not starting with a digit';
  if (name.startsWith("GITHUB_")) return "names starting with GITHUB_ are reserved by GitHub";
  if (CREDENTIAL_LIKE_NAME.test(name)) {
    return (
      "looks like a credential. Variables are stored and shown in plain text, and long-lived credentials never belong in the repository: " +
      "use OIDC federation for cloud access, or a secrets manager read at run time"
    );
  }
  return undefined;
}

/** What is wrong with custom deployment patterns (`kind` is "branches" or "tags"); empty when fine. */
export function deploymentPatternProblems(kind: string, patterns: readonly string[]): string[] {
  const problems: string[] = [];
  patterns.forEach((pattern, i) => {
    if (pattern === "" || /\s/.test(pattern))
      problems.push(`${kind}[${i}]: "${pattern}" must be a non-empty pattern without whitespace`);
    if (patterns.indexOf(pattern) !== i) problems.push(`${kind}[${i}]: "${pattern}" is listed twice`);
  });
  return problems;
}

/**
 * Whether a deployment branch or tag pattern admits a ref name. GitHub matches these patterns
 * with Ruby's `File.fnmatch`, in which wildcards do not match "/": `*` is any run of other
 * characters, `?` one of them, `[...]` (or `[!...]`) a class; anything else matches itself.
 */
export function refPatternMatches(pattern: string, ref: string): boolean {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      const body = pattern.slice(i + 1, close).replace(/\\/g, "\\\\");
      source += body.startsWith("!") ? `[^${body.slice(1)}]` : `[${body}]`;
      i = close;
    } else source += c.replace(/[.+^${}()|\\/\]-]/g, "\\$&");
  }
  return new RegExp(`^${source}$`).test(ref);
}
