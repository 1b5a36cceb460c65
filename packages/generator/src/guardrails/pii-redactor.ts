export type PiiKind = 'email' | 'phone' | 'card';

export interface PiiFinding {
  kind: PiiKind;
  /** The match with its middle masked, safe to show in a report. */
  masked: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// 13–19 digits, optionally grouped by spaces or dashes: card numbers, confirmed with Luhn.
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// International or North-American/European layouts; at least 9 digits so years and prices never match.
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}\b|\+\d{9,15}\b/g;

const PLACEHOLDER: Record<PiiKind, string> = { email: '[email removed]', phone: '[phone removed]', card: '[card removed]' };

/** Finds emails, phone numbers and payment-card numbers; `redacted` has each replaced by a placeholder. */
export function redactPii(text: string): { redacted: string; findings: PiiFinding[] } {
  const findings: PiiFinding[] = [];
  const replace = (kind: PiiKind, accept: (match: string) => boolean) => (match: string) => {
    if (!accept(match)) return match;
    findings.push({ kind, masked: mask(match) });
    return PLACEHOLDER[kind];
  };
  // Every address holds an "@": without one the email pattern, which tries every letter as a start, cannot match.
  const redacted = (text.includes('@') ? text.replace(EMAIL, replace('email', () => true)) : text)
    .replace(CARD, replace('card', (match) => passesLuhn(match.replace(/\D/g, ''))))
    .replace(PHONE, replace('phone', (match) => digitCount(match) >= 9 && digitCount(match) <= 15));
  return { redacted, findings };
}

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

function mask(match: string): string {
  if (match.length <= 4) return '*'.repeat(match.length);
  return `${match.slice(0, 2)}${'*'.repeat(match.length - 4)}${match.slice(-2)}`;
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length >= 13 && sum % 10 === 0;
}
