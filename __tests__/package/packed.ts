/**
 * The packed npm package, shared by the package suites: one `npm pack` (whose prepack builds the
 * library and swaps in the consumer README), the tarball's file list, and a consumer project
 * outside the repository with the tarball unpacked into its node_modules (peers linked to this
 * repository's node_modules, so nothing is downloaded).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CONSUMER, LINKED_DEV_PACKAGES, LINKED_PACKAGES } from "./consumer-fixture";

export const REPO = join(__dirname, "..", "..");
export const TIMEOUT_MS = 240_000;
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  DISABLE_VERSION_CHECK: "1",
  npm_config_update_notifier: "false",
};

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; never throws on a non-zero exit (the caller checks the status). */
export function runCommand(
  file: string,
  args: readonly string[],
  cwd: string,
  extraEnv: Record<string, string> = {},
): CommandResult {
  const result = spawnSync(file, args, {
    cwd,
    env: { ...env, ...extraEnv },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: result.error ? `${result.stderr ?? ""}${result.error.message}` : (result.stderr ?? ""),
  };
}

/** Runs a command that must succeed; on failure the error carries its output, so the report shows it. */
export function runOrExplain(file: string, args: readonly string[], cwd: string): string {
  const result = runCommand(file, args, cwd);
  if (result.status !== 0)
    throw new Error(`${file} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** One file as `npm pack --json` and `npm publish --json` list it. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
  readonly mode: number;
}

export interface Packed {
  /** Scratch directory holding the tarball and the consumer project. */
  readonly work: string;
  readonly tarball: string;
  /** The files npm reports it packed, relative to the package root. */
  readonly files: readonly PackedFile[];
  /** The tarball's entries, relative to the package root (`tar -t`, without `package/`). */
  readonly entries: readonly string[];
  /** The consumer project (package.json and tsconfig are the caller's). */
  readonly project: string;
  /** Where the package is unpacked: `<project>/node_modules/@suma-finance/infra-constructs`. */
  readonly installed: string;
}

/** Packs the repository (prepack builds dist/lib) and unpacks the tarball into a fresh consumer project. */
export function packAndUnpack(): Packed {
  const work = mkdtempSync(join(tmpdir(), "infra-constructs-pack-"));
  const [report] = JSON.parse(runOrExplain("npm", ["pack", "--json", "--pack-destination", work], REPO)) as Array<{
    filename: string;
    files: PackedFile[];
  }>;
  const tarball = join(work, report!.filename);
  const entries = runOrExplain("tar", ["-tzf", tarball], work)
    .split("\n")
    .filter(Boolean)
    .map((e) => e.replace(/^package\//, ""));
  const project = join(work, "consumer");
  const installed = join(project, "node_modules", ...CONSUMER.packageName.split("/"));
  mkdirSync(installed, { recursive: true });
  for (const name of [...LINKED_PACKAGES, ...LINKED_DEV_PACKAGES]) {
    const link = join(project, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO, "node_modules", name), link, "dir");
  }
  // What `npm install <tarball>` would place, without asking the registry for anything.
  runOrExplain("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], work);
  return { work, tarball, files: report!.files, entries, project, installed };
}

/** The TypeScript block under the README heading that starts with `heading`. */
export function codeBlockUnder(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const block = /```ts\n([\s\S]*?)```/.exec(markdown.slice(start));
  if (!block) throw new Error(`no \`\`\`ts block under "## ${heading}"`);
  return block[1]!;
}

/** Relative link targets (`[text](target)`, no scheme, no anchor-only) in a markdown file. */
export function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("#"))
    .map((target) => target.replace(/#.*$/, ""));
}
