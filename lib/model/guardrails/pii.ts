// Public PII surface: detection, text redaction, deep redaction of JSON-like values, and the check-digit helpers.
export {
  DEFAULT_MAX_SCAN_CHARS,
  PII_TYPES,
  detectPii,
  type DetectPiiOptions,
  type PiiMatch,
  type PiiType,
} from "./detect-pii";
export {
  PII_PLACEHOLDERS,
  TRUNCATED_MARKER,
  applyRedactions,
  redactPii,
  redactPiiText,
  type RedactPiiOptions,
} from "./redact-pii";
export { ibanChecksumValid, luhnValid, ninoPrefixValid, spanishIdValid, ssnValid, verhoeffValid } from "./checksums";
export { findIbans, ibanValid } from "./iban";
export { findCards } from "./pii-cards";
export { findPhones } from "./pii-phones";
export { findNationalIds, type NationalIdKind } from "./pii-national-ids";
