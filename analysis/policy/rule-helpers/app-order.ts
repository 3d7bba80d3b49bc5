/** Readers the app-order deployability rules share (rules/deployability/app-order/). */
import type { AppProblem, SynthesizedApp } from "../rule";
import { resourcesOfType } from "../terraform-json";
import { appliedBefore, type Placement, stackPlacement } from "./stacks";

/** Where each literal name is created: `key(name)` → [stack, address]. */
export function literalOwners(
  app: SynthesizedApp,
  type: string,
  keyOf: (values: Record<string, unknown>, placement: Placement) => string | undefined,
): Map<string, { stack: string; address: string }> {
  const found = new Map<string, { stack: string; address: string }>();
  for (const [stackName, stack] of Object.entries(app.stacks)) {
    const placement = stackPlacement(stack);
    for (const [name, values] of resourcesOfType(stack, type)) {
      const key = keyOf(values as Record<string, unknown>, placement);
      if (key !== undefined) found.set(key, { stack: stackName, address: `${type}.${name}` });
    }
  }
  return found;
}

/** A problem when `user` is not applied after the stack that owns what it names. */
export function applyOrderProblem(
  app: SynthesizedApp,
  user: { stack: string; address: string },
  owner: { stack: string; address: string } | undefined,
  what: string,
): AppProblem[] {
  if (!owner || owner.stack === user.stack || appliedBefore(app, user.stack).has(owner.stack)) return [];
  return [
    {
      stack: user.stack,
      address: user.address,
      message: `${what} is created by ${owner.stack} (${owner.address}), which is not among this stack's dependencies: declare the dependency so it is applied first`,
    },
  ];
}
