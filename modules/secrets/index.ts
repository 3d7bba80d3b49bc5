export { ConnectionSecret, type ConnectionSecretProps } from "./connection-secret";
export {
  EPHEMERAL_RANDOM_PASSWORD_TYPE,
  EphemeralRandomPassword,
  RDS_PASSWORD_EXCLUDED_CHARACTERS,
  RDS_PASSWORD_MAX_LENGTH,
  WRITE_ONLY_TERRAFORM_VERSION,
  type EphemeralRandomPasswordProps,
} from "./ephemeral-random-password";
