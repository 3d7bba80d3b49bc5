/**
 * Where the Route 53 Application Recovery Controller control plane answers: clusters, control panels
 * and routing controls are created through us-west-2 only (their state is read and changed through
 * the cluster's own endpoints in five Regions). FailoverGate refuses a provider elsewhere, and the
 * policy rule SUMA-DEP-511 finds such resources in any synthesized stack.
 *
 * Its own file, with no imports, so the policy library reads it without loading a construct.
 */
export const ARC_CONTROL_PLANE_REGION = "us-west-2";
