import { Lazy, TerraformStack, type TerraformProvider, type TerraformResource } from "cdktf";

// The import blocks written so far, per stack: the stack-level override takes the whole list.
const importsByStack = new WeakMap<TerraformStack, Array<Record<string, unknown>>>();

/**
 * Adopts an existing object into `resource` with a Terraform `import` block (Terraform >= 1.5):
 * the first plan imports it instead of creating a second one.
 *
 * Escape hatch: `TerraformResource.importFrom` renders the same block, but also adds a synth-time
 * validation that runs `terraform version` once per imported resource, so synth fails wherever
 * terraform is not on the PATH (a CI synth job, the HCL export). cdktf 0.21 has no import
 * construct without that check, so the stack's `import` list is written as an override, every
 * adopted resource of the stack in it.
 */
export function importExisting(resource: TerraformResource, id: string, provider?: TerraformProvider): void {
  const stack = TerraformStack.of(resource);
  const imports = importsByStack.get(stack) ?? [];
  imports.push({
    to: Lazy.stringValue({ produce: () => `${resource.terraformResourceType}.${resource.friendlyUniqueId}` }),
    id,
    ...(provider ? { provider: provider.fqn } : {}),
  });
  importsByStack.set(stack, imports);
  stack.addOverride("import", [...imports]);
}
