import { listReportFiles, reportLink, type StoredReportFile } from "../../shared/data/reports-repository.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { generateReportFile, loadReport } from "./generate.ts";

async function withLink(file: StoredReportFile) {
  const link = await reportLink(file.key);
  return { ...file, url: link.url, urlExpiresAt: link.expiresAt };
}

/** Executive reports for admins: the page's figures, the stored PDFs, and a PDF on demand. */
export const handler = createFeatureHandler(
  "reports",
  {
    async getReport({ query }) {
      return loadReport(query.period);
    },

    async listReportFiles() {
      const files = await listReportFiles();
      return { reports: await Promise.all(files.map(withLink)) };
    },

    async createReportFile({ body, language, response }) {
      const { file } = await generateReportFile({ period: body.period, scheduled: false, language });
      response.status = 201;
      return withLink(file);
    },
  },
  pipelineOptions(),
);
