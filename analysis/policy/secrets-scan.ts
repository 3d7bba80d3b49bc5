/**
 * Finds credentials written into a synthesized stack: anything here ends up in the repository's
 * build artifacts, in CI logs and in the Terraform state. Pure TypeScript with no cdktf import.
 */
import { walkStrings, type StringVisit } from "./json-walk";

/**
 * What kind of credential a finding is: an AWS key pair half, a PEM private key, a GitHub token,
 * or a literal value under a credential-like name (`password`, `secret_string`, a `DB_PASSWORD` pair).
 */
export type SecretKind =
  "aws-access-key-id" | "aws-secret-access-key" | "private-key" | "github-token" | "credential-literal";

/** One credential-like value in a synthesized stack, redacted. */
export interface SecretFinding {
  /** Where the value sits, e.g. `resource.aws_db_instance.db.password` (`#` enters a JSON-encoded string). */
  readonly path: string;
  /** What kind of credential it looks like. */
  readonly kind: SecretKind;
  /** What was found, with the value redacted. */
  readonly reason: string;
}

// ---- Credential-like names --------------------------------------------------------------------

/** Last words of a name that hold a credential (`db_password`, `authToken`, `CLIENT_SECRET`). */
const CREDENTIAL_WORDS = new Set([
  "password",
  "passwd",
  "pwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "credential",
  "credentials",
]);
/** Two-word endings that hold a credential (`api_key`, `private_key`, `AWS_SECRET_ACCESS_KEY`). */
const CREDENTIAL_PAIRS = new Set([
  "api key",
  "private key",
  "secret key",
  "access key",
  "signing key",
  "encryption key",
  "client secret",
  "auth token",
]);

/**
 * Argument names that look credential-like but hold a reference to a credential, never the
 * credential itself. Names ending in `_arn`, `_id`, `_name` and similar are already excluded by
 * {@link isCredentialName}; these are listed for the reader.
 */
export const SAFE_CREDENTIAL_NAMES: readonly string[] = [
  "master_user_secret_kms_key_id",
  "kms_key_id",
  "secret_arn",
  "secret_id",
  "secret_string",
  "manage_master_user_password",
  "auth_token_update_strategy",
];

/** The words of a name: `dbPassword` → [db, password]; `AWS_SECRET_ACCESS_KEY` → [aws, secret, access, key]. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_-]+/)
    .filter((word) => word !== "");
}

/**
 * True for an argument or environment-variable name that holds a credential: its last word is
 * password, secret, token, ... or its last two words are api key, private key, secret key, ...
 * A trailing `wo` (Terraform's write-only arguments, e.g. `password_wo`) is ignored. Names with
 * `.`, `:` or `/` (policy condition keys, URLs) are never credential names.
 */
export function isCredentialName(name: string): boolean {
  if (/[.:/\s]/.test(name) || SAFE_CREDENTIAL_NAMES.includes(name)) return false;
  const words = wordsOf(name);
  if (words.at(-1) === "wo") words.pop();
  const last = words.at(-1);
  if (last === undefined) return false;
  if (CREDENTIAL_WORDS.has(last)) return true;
  return words.length >= 2 && CREDENTIAL_PAIRS.has(`${words.at(-2)} ${last}`);
}

// ---- Patterns ----------------------------------------------------------------------------------

const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z2-7]{16}\b/;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/;
/** A standalone 40-character base64 string: the shape of an AWS secret access key. */
const BASE64_40 = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** Words near a 40-character string that make it an AWS secret key rather than a hash or an id. */
const SECRET_CONTEXT = /secret|private|credential|aws_?secret|SecretAccessKey/i;

/** `AKIA…WXYZ (20 chars)`: enough to find the value, not enough to use it. */
function redact(value: string): string {
  return value.length <= 8
    ? `${"*".repeat(value.length)} (${value.length} chars)`
    : `${value.slice(0, 4)}…${value.slice(-2)} (${value.length} chars)`;
}

/** True for a 40-character string that mixes character classes, unlike a hex digest. */
function looksRandom(candidate: string): boolean {
  return (
    /[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /[0-9/+]/.test(candidate) && !/^[0-9a-f]+$/i.test(candidate)
  );
}

/** Literal values that are flags or placeholders, not credentials. */
function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === "" || /^(true|false|null|none|n\/a|\*+)$/i.test(trimmed);
}

/** Values that are credentials by their shape: AWS access key ids, PEM private keys, GitHub tokens. */
function knownTokenFindings(path: string, value: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const accessKey = AWS_ACCESS_KEY_ID.exec(value);
  if (accessKey)
    findings.push({ path, kind: "aws-access-key-id", reason: `AWS access key id ${redact(accessKey[0])}` });
  if (PRIVATE_KEY.test(value)) findings.push({ path, kind: "private-key", reason: "PEM private key block" });
  const githubToken = GITHUB_TOKEN.exec(value);
  if (githubToken) findings.push({ path, kind: "github-token", reason: `GitHub token ${redact(githubToken[0])}` });
  return findings;
}

/** The first random-looking 40-character base64 value next to a secret-like name: an AWS secret access key. */
function secretAccessKeyFinding(visit: StringVisit): SecretFinding | undefined {
  const { key, value } = visit;
  for (const match of value.matchAll(BASE64_40)) {
    const before = value.slice(Math.max(0, match.index - 40), match.index);
    const secretish = (key !== undefined && SECRET_CONTEXT.test(key)) || SECRET_CONTEXT.test(before);
    if (secretish && looksRandom(match[0])) {
      return {
        path: visit.path,
        kind: "aws-secret-access-key",
        reason: `40-character base64 value ${redact(match[0])} next to a secret-like name`,
      };
    }
  }
  return undefined;
}

/**
 * A literal (no `${`, not a placeholder) where a credential belongs: under a credential-like key, as a
 * Secrets Manager value, or as the value of a `{ name, value }` pair with a credential-like name.
 */
function credentialLiteralFinding(visit: StringVisit): SecretFinding | undefined {
  const { key, value, parent } = visit;
  if (value.includes("${") || isPlaceholder(value)) return undefined;
  if (key !== undefined && isCredentialName(key)) {
    return {
      path: visit.path,
      kind: "credential-literal",
      reason: `"${key}" holds a literal value ${redact(value)}; pass a reference to a secret instead`,
    };
  }
  // A Secrets Manager value that is not a JSON document is the secret itself.
  if (key === "secret_string" || key === "secret_binary" || key === "secret_string_wo" || key === "secret_binary_wo") {
    return {
      path: visit.path,
      kind: "credential-literal",
      reason: `${key} holds a literal value ${redact(value)}; generate it or write it outside Terraform`,
    };
  }
  // `{ "name": "DB_PASSWORD", "value": "..." }`: ECS environment entries, tags and similar pairs.
  const pairName = parent?.name ?? parent?.Name ?? parent?.key ?? parent?.Key;
  if ((key === "value" || key === "Value") && typeof pairName === "string" && isCredentialName(pairName)) {
    return {
      path: visit.path,
      kind: "credential-literal",
      reason: `"${pairName}" is set to a literal value ${redact(value)}; pass a reference to a secret instead`,
    };
  }
  return undefined;
}

/** What one string holds: token shapes and a secret access key first; a credential literal only when none of those. */
function scanString(visit: StringVisit): SecretFinding[] {
  const findings = knownTokenFindings(visit.path, visit.value);
  const secretKey = secretAccessKeyFinding(visit);
  if (secretKey) findings.push(secretKey);
  if (findings.length > 0) return findings;
  const literal = credentialLiteralFinding(visit);
  return literal ? [literal] : [];
}

/**
 * Every string in the stack (including inside JSON-encoded policies, container definitions and
 * secret values) that holds an AWS access key id, an AWS secret access key, a PEM private key,
 * a GitHub token, or a literal value under a credential-like name. `${...}` references are
 * not secrets; neither are names such as `secret_arn` or `kms_key_id`.
 */
export function secretFindings(stack: unknown): SecretFinding[] {
  const findings: SecretFinding[] = [];
  walkStrings(stack, (visit) => {
    const found = scanString(visit);
    if (found.length > 0) findings.push(...found);
  });
  return findings;
}
