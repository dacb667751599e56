/** The kinds of personal detail the anonymisation screen finds, and a finding in a text. */

export const piiTypes = ['email', 'phone', 'nhs_number', 'ni_number', 'postcode', 'date_of_birth', 'address', 'handle', 'name'] as const;
export type PiiType = (typeof piiTypes)[number];

/** A detail found in a text: `text.slice(start, end) === span`. */
export interface PiiSpan {
  type: PiiType;
  span: string;
  start: number;
  end: number;
}
