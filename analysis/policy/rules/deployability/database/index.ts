/** Deployability rules: database (Aurora global databases and master passwords). */
import type { DeployabilityRule } from "../../../rule";
import { GlobalMemberManagedPassword } from "./GlobalMemberManagedPassword";
import { WriteOnlyWithVersion } from "./WriteOnlyWithVersion";
import { SecondaryWithoutCredentials } from "./SecondaryWithoutCredentials";
import { WriteOnlyNeedsTerraform111 } from "./WriteOnlyNeedsTerraform111";
import { GeneratedMasterPasswordAccepted } from "./GeneratedMasterPasswordAccepted";
import { GlobalMemberInstanceClass } from "./GlobalMemberInstanceClass";
import { GlobalClusterFromSource } from "./GlobalClusterFromSource";
import { GlobalMembersIgnoreMembership } from "./GlobalMembersIgnoreMembership";
import { EphemeralOnlyInWriteOnly } from "./EphemeralOnlyInWriteOnly";

export {
  GlobalMemberManagedPassword,
  WriteOnlyWithVersion,
  SecondaryWithoutCredentials,
  WriteOnlyNeedsTerraform111,
  GeneratedMasterPasswordAccepted,
  GlobalMemberInstanceClass,
  GlobalClusterFromSource,
  GlobalMembersIgnoreMembership,
  EphemeralOnlyInWriteOnly,
};

export const DATABASE_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  GlobalMemberManagedPassword,
  WriteOnlyWithVersion,
  SecondaryWithoutCredentials,
  WriteOnlyNeedsTerraform111,
  GeneratedMasterPasswordAccepted,
  GlobalMemberInstanceClass,
  GlobalClusterFromSource,
  GlobalMembersIgnoreMembership,
  EphemeralOnlyInWriteOnly,
];
