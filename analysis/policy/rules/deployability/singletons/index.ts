/**
 * Deployability checks: account singletons (GuardDuty detector, Config recorder and delivery
 * channel, IAM OIDC providers). Each exists once per account (and region, where regional), so
 * two stacks that both create one fail the second apply, and an adopted one must be imported
 * under the id its API knows it by. Whole-app checks: the stacks of one account are many.
 */
import type { DeployabilityAppCheck } from "../../../rule";
import { OneGuardDutyDetectorPerRegion } from "./OneGuardDutyDetectorPerRegion";
import { GuardDutyDetectorImportedById } from "./GuardDutyDetectorImportedById";
import { OneConfigRecorderPerRegion } from "./OneConfigRecorderPerRegion";
import { OneConfigDeliveryChannelPerRegion } from "./OneConfigDeliveryChannelPerRegion";
import { ConfigImportedByName } from "./ConfigImportedByName";
import { ConfigRecorderChannelOrder } from "./ConfigRecorderChannelOrder";
import { OneOidcProviderPerUrl } from "./OneOidcProviderPerUrl";
import { OidcProviderImportedByArn } from "./OidcProviderImportedByArn";
import { OneOwnerPerGuardDutyFeature } from "./OneOwnerPerGuardDutyFeature";

export {
  OneGuardDutyDetectorPerRegion,
  GuardDutyDetectorImportedById,
  OneConfigRecorderPerRegion,
  OneConfigDeliveryChannelPerRegion,
  ConfigImportedByName,
  ConfigRecorderChannelOrder,
  OneOidcProviderPerUrl,
  OidcProviderImportedByArn,
  OneOwnerPerGuardDutyFeature,
};

/** Whole-app checks of the account singletons. */
export const SINGLETON_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [
  OneGuardDutyDetectorPerRegion,
  GuardDutyDetectorImportedById,
  OneConfigRecorderPerRegion,
  OneConfigDeliveryChannelPerRegion,
  ConfigImportedByName,
  ConfigRecorderChannelOrder,
  OneOidcProviderPerUrl,
  OidcProviderImportedByArn,
  OneOwnerPerGuardDutyFeature,
];
