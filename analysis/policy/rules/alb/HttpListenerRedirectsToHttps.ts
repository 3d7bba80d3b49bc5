import type { PolicyRule } from "../../rule";
import { blocksOf, pointersTo, resourcesPointingAt } from "../../rule-helpers";
import { nestedBlock } from "../../terraform-json";

/** What is wrong with an action of an HTTP listener, or undefined when it redirects to HTTPS. */
function notRedirectToHttps(action: Readonly<Record<string, unknown>>): string | undefined {
  if (action.type !== "redirect") return `${String(action.type ?? "an action")} instead of a redirect to HTTPS`;
  const protocol = nestedBlock(action.redirect)?.protocol;
  return String(protocol ?? "").toUpperCase() === "HTTPS"
    ? undefined
    : `a redirect to ${String(protocol ?? "an unset protocol")} instead of HTTPS`;
}

/** Plain-HTTP listeners serve nothing: they only redirect to HTTPS. */
export const HttpListenerRedirectsToHttps: PolicyRule = {
  id: "SUMA-ALB-005",
  title: "HTTP listeners only redirect to HTTPS",
  severity: "error",
  controls: { pci: ["4.2.1"], soc2: ["CC6.7"], cis: [] },
  resourceTypes: ["aws_lb_listener", "aws_alb_listener"],
  rationale:
    "Anything served over plain HTTP, including session cookies and credentials, crosses the internet unencrypted. " +
    'Give the port-80 listener one default action of type "redirect" with protocol HTTPS, and attach no listener rule that forwards.',
  check: ({ type, name, values, stack }) => {
    if (String(values.protocol ?? "").toUpperCase() !== "HTTP") return [];
    const problems: string[] = [];
    const actions = blocksOf(values.default_action);
    if (actions.length === 0) problems.push("has no default action");
    for (const action of actions) {
      const wrong = notRedirectToHttps(action);
      if (wrong) problems.push(`default action is ${wrong}`);
    }
    const pointers = pointersTo(type, name, ["arn", "id"]);
    for (const ruleType of ["aws_lb_listener_rule", "aws_alb_listener_rule"]) {
      for (const [ruleName, rule] of resourcesPointingAt(stack, ruleType, "listener_arn", pointers)) {
        for (const action of blocksOf(rule.action)) {
          const wrong = notRedirectToHttps(action);
          if (wrong) problems.push(`${ruleType}.${ruleName} has ${wrong}`);
        }
      }
    }
    return problems;
  },
};
