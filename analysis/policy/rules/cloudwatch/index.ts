/** CloudWatch log groups and alarms: the rules with ids SUMA-CW-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { LogGroupEncrypted } from "./LogGroupEncrypted";
import { LogGroupRetention } from "./LogGroupRetention";
import { AlarmNotifiesSomeone } from "./AlarmNotifiesSomeone";

export { LogGroupEncrypted, LogGroupRetention, AlarmNotifiesSomeone };

export const CLOUDWATCH_RULES: readonly PolicyRule[] = [LogGroupEncrypted, LogGroupRetention, AlarmNotifiesSomeone];
