import type { CustomerName } from "./customer.ts";

// Escaped: letters, not German text (ä, ö, ü, ß).
const umlauts: Record<string, string> = { "\u00e4": "ae", "\u00f6": "oe", "\u00fc": "ue", "\u00df": "ss" };

/**
 * A name as the search index knows it: lower case, German umlauts spelled
 * out (Müller = Mueller, the way people type without them), other accents
 * dropped, split into words of letters and digits.
 */
export function nameTokens(text: string): string[] {
  const spelled = text
    .toLowerCase()
    .replace(/[\u00e4\u00f6\u00fc\u00df]/g, (letter) => umlauts[letter] ?? letter)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "");
  return [...new Set(spelled.split(/[^a-z0-9]+/).filter((token) => token.length > 0))];
}

/** The tokens a customer's name is indexed under. */
export function indexTokens(name: CustomerName): string[] {
  return [...new Set([...nameTokens(name.firstName), ...nameTokens(name.lastName)])];
}

/** The shortest token a search may start from: one two-letter partition holds every candidate. */
export const minSearchLength = 2;

/** The token to query the index by (the longest: fewest candidates); undefined when the search is too short. */
export function searchToken(query: string): string | undefined {
  const tokens = nameTokens(query).sort((a, b) => b.length - a.length);
  const longest = tokens[0];
  return longest && longest.length >= minSearchLength ? longest : undefined;
}

/** True when every word of the search starts some word of the name ("mü an" finds Anna Müller). */
export function nameMatches(query: string, name: CustomerName): boolean {
  const wanted = nameTokens(query);
  const have = indexTokens(name);
  return wanted.every((token) => have.some((word) => word.startsWith(token)));
}
