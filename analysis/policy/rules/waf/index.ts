/** WAF web ACLs in front of load balancers: the rules with ids SUMA-WAF-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { InternetFacingAlbHasWebAcl } from "./InternetFacingAlbHasWebAcl";
import { WebAclLoggingEnabled } from "./WebAclLoggingEnabled";

export { InternetFacingAlbHasWebAcl, WebAclLoggingEnabled };

export const WAF_RULES: readonly PolicyRule[] = [InternetFacingAlbHasWebAcl, WebAclLoggingEnabled];
