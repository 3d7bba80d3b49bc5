export {
  checkConnectionSecretProps,
  ConnectionSecret,
  connectionSecretProblems,
  type ConnectionSecretProps,
} from "./connection-secret";
export {
  checkEphemeralRandomPasswordProps,
  EPHEMERAL_RANDOM_PASSWORD_TYPE,
  EphemeralRandomPassword,
  ephemeralRandomPasswordProblems,
  RDS_PASSWORD_EXCLUDED_CHARACTERS,
  RDS_PASSWORD_MAX_LENGTH,
  WRITE_ONLY_TERRAFORM_VERSION,
  type EphemeralRandomPasswordProps,
} from "./ephemeral-random-password";
