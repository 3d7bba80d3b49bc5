/**
 * Whole-stack checks of the synthesized output itself, run by the policy CLI next to the rules:
 * every interpolation resolves, and no credential is written into the JSON. Pure, no cdktf import.
 */
import type { StackCheck } from "./engine";
import { addressOfPath } from "./json-walk";
import { secretFindings } from "./secrets-scan";
import { unresolvedReferences, type TerraformDocument } from "./validate-references";

/** SUMA-OUT-001: every `${…}`, directive, depends_on and provider alias resolves in its stack. */
export const referencesResolve: StackCheck = {
  id: "SUMA-OUT-001",
  title: "Every interpolation in the synthesized stack resolves to something the stack declares",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1"], cis: [] },
  rationale:
    "A dangling reference, an unknown function, or literal text that Terraform reads as an interpolation (a GitHub Actions " +
    '"${{ … }}", a shell "${VAR}", a curl "%{http_code}") fails the plan, or, worse, changes a value at apply. Fix the ' +
    'reference, or escape a literal "${" as "$${" and "%{" as "%%{".',
  checkStack: (stack) =>
    unresolvedReferences(stack as TerraformDocument).map((p) => ({
      address: addressOfPath(p.path),
      message: `${p.path}: ${p.expression}: ${p.reason}`,
    })),
};

/** SUMA-OUT-002: no credential appears in the synthesized JSON. */
export const noSecretsInOutput: StackCheck = {
  id: "SUMA-OUT-002",
  title: "No credential appears in the synthesized stack",
  severity: "error",
  controls: { pci: ["3.6.1", "8.3.2", "8.6.2"], soc2: ["CC6.1"], cis: [] },
  rationale:
    "Synthesized JSON is uploaded as a CI artifact and its values end up in the Terraform state and plan output. Access keys, " +
    "tokens, private keys and passwords must come from Secrets Manager (by reference), a managed master password, or OIDC.",
  checkStack: (stack) =>
    secretFindings(stack).map((f) => ({
      address: addressOfPath(f.path),
      message: `${f.path}: ${f.kind}: ${f.reason}`,
    })),
};

/** Whole-stack checks of the synthesized output the policy CLI runs beside the rules (unless `--no-output-checks`). */
export const OUTPUT_CHECKS: readonly StackCheck[] = [referencesResolve, noSecretsInOutput];
