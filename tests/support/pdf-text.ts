import { inflateSync } from "node:zlib";

/**
 * The text a PDF shows, good enough to find words in a report: inflates each
 * content stream and decodes the strings of its TJ/Tj operators (pdfkit writes
 * standard-font text as hex strings, split where it kerns).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] ?? "", "latin1")).toString("latin1");
    } catch {
      continue; // not a deflated content stream (fonts, images)
    }
    for (const operation of content.matchAll(/\[(.*?)\]\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g)) {
      const parts = (operation[1] ?? operation[2] ?? "").match(/<([0-9a-fA-F]*)>/g) ?? [];
      lines.push(parts.map((part) => Buffer.from(part.slice(1, -1), "hex").toString("latin1")).join(""));
    }
  }
  return lines.join("\n");
}
