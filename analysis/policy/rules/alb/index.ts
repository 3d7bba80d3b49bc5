/** Application Load Balancers and their listeners: the rules with ids SUMA-ALB-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { AlbDropsInvalidHeaderFields } from "./AlbDropsInvalidHeaderFields";
import { AlbDesyncMitigation } from "./AlbDesyncMitigation";
import { AlbAccessLogsEnabled } from "./AlbAccessLogsEnabled";
import { ListenerTlsPolicyApproved } from "./ListenerTlsPolicyApproved";
import { HttpListenerRedirectsToHttps } from "./HttpListenerRedirectsToHttps";

export {
  AlbDropsInvalidHeaderFields,
  AlbDesyncMitigation,
  AlbAccessLogsEnabled,
  ListenerTlsPolicyApproved,
  HttpListenerRedirectsToHttps,
};

export const ALB_RULES: readonly PolicyRule[] = [
  AlbDropsInvalidHeaderFields,
  AlbDesyncMitigation,
  AlbAccessLogsEnabled,
  ListenerTlsPolicyApproved,
  HttpListenerRedirectsToHttps,
];
