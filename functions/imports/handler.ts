import { config } from "../../shared/config.ts";
import { maxImportBytes } from "../../shared/contracts/imports.ts";
import { formatMessage, type Language, type MessageId } from "../../shared/contracts/messages.ts";
import { type ImportReport, listImports } from "../../shared/data/import-runs-repository.ts";
import { localDate } from "../../shared/domain/booking/local-date.ts";
import type { ParsedImport } from "../../shared/domain/imports/rows.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";

function translated(report: ImportReport, language: Language) {
  return {
    ...report,
    rejected: report.rejected.map((rejection) => ({
      ...rejection,
      reasonId: rejection.reason,
      reason: formatMessage(rejection.reason as MessageId, language, { field: rejection.field }),
    })),
  };
}

export const handler = createFeatureHandler(
  "imports",
  {
    async createImport({ body, principal, language }) {
      // Reading and applying a file (phone numbers' metadata, the slot template, the booking writes) is
      // this function's rare path: loaded when a file comes, not at every cold start.
      const [{ parseImport }, { applyImport }] = await Promise.all([
        import("../../shared/domain/imports/rows.ts"),
        import("../../shared/data/imports-repository.ts"),
      ]);
      let parsed: ParsedImport;
      try {
        parsed = parseImport(body.content, body.format, localDate(new Date(), config().TIMEZONE));
      } catch {
        throw new HttpError("invalid", "import.unreadable");
      }
      const offset = body.rowOffset ?? 0;
      const shifted = {
        ...parsed,
        rejected: parsed.rejected.map((rejection) => ({ ...rejection, row: rejection.row + offset })),
      } as typeof parsed;
      const report = await applyImport(shifted, principal.username, body.fileName);
      return translated(report, language);
    },

    async listImports({ language }) {
      return { imports: (await listImports()).map((report) => translated(report, language)) };
    },
  },
  // Whole history files: more than the default request body.
  { ...pipelineOptions(), maxBodyBytes: maxImportBytes + 64 * 1024 },
);
