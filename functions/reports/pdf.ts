import PDFDocument from "pdfkit";
import {
  formatMessage,
  type Language,
  type MessageId,
  type MessageParams,
} from "../../shared/contracts/messages.ts";
import type { ReportData } from "../../shared/domain/reports/report.ts";

/**
 * The executive report as a PDF (pdfkit: maintained, streams pages as they are
 * drawn, vector graphics for the trend chart, standard fonts need no files of
 * ours). Status is always written as a word next to its colour.
 */
const colours = { green: "#15803d", yellow: "#a16207", red: "#b91c1c", none: "#6b7280" } as const;
const page = { margin: 48, width: 595.28, height: 841.89 };
const columns = [
  { key: "name", width: 190 },
  { key: "goal", width: 65 },
  { key: "achieved", width: 75 },
  { key: "rate", width: 65 },
  { key: "status", width: 104 },
] as const;

export function renderReportPdf(report: ReportData, language: Language = "de"): Promise<Buffer> {
  const text = (id: MessageId, params?: MessageParams) => formatMessage(id, language, params);
  const locale = language === "de" ? "de-DE" : "en-GB";
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  const percent = (rate: number | null) =>
    rate === null
      ? "–"
      : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(rate);
  const statusWord = (status: ReportData["summary"]["status"]) => text(`reports.status.${status ?? "none"}`);
  const date = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(`${iso}T12:00:00Z`),
    );

  const doc = new PDFDocument({
    size: "A4",
    margin: page.margin,
    info: {
      Title: text(report.kind === "week" ? "reports.pdf.title.week" : "reports.pdf.title.month", {
        period: report.period,
      }),
      Producer: "slot-booking",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = page.margin;
  const contentWidth = page.width - 2 * page.margin;
  const heading = (label: string) => {
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("#111827").text(label, left);
    doc.moveDown(0.3).font("Helvetica").fontSize(10);
  };

  // Title and summary.
  doc
    .font("Helvetica-Bold")
    .fontSize(20)
    .fillColor("#111827")
    .text(
      text(report.kind === "week" ? "reports.pdf.title.week" : "reports.pdf.title.month", {
        period: report.period,
      }),
    );
  doc
    .font("Helvetica")
    .fontSize(10)
    .fillColor("#374151")
    .text(text("reports.pdf.range", { from: date(report.from), to: date(report.to) }))
    .text(
      text("reports.pdf.generated", {
        at: new Date(report.generatedAt).toISOString().replace("T", " ").slice(0, 16),
      }),
    );

  heading(text("reports.pdf.summary"));
  const status = report.summary.status ?? "none";
  doc.rect(left, doc.y, 10, 10).fill(colours[status]);
  doc.fillColor("#111827").text(
    text("reports.pdf.teamRate", {
      achieved: number(report.summary.achieved),
      goal: number(report.summary.goal),
      rate: percent(report.summary.rate),
      status: statusWord(report.summary.status),
    }),
    left + 16,
  );
  doc.text(
    text("reports.pdf.bookings", {
      bookings: report.summary.bookings.total,
      shown: report.summary.bookings.shown,
      noShow: report.summary.bookings.noShow,
    }),
    left,
  );

  heading(text("reports.pdf.distribution"));
  doc
    .text(text("reports.pdf.top", { count: report.distribution.top }))
    .text(text("reports.pdf.solid", { count: report.distribution.solid }))
    .text(text("reports.pdf.below", { count: report.distribution.below }))
    .text(text("reports.pdf.noGoal", { count: report.distribution.none }));

  // Trend chart: a bar per week (achieved) and a tick for its goal, numbers under each bar.
  heading(text("reports.pdf.trend"));
  const chartTop = doc.y + 4;
  const chartHeight = 110;
  const max = Math.max(1, ...report.trend.flatMap((week) => [week.goal, week.achieved]));
  const slot = contentWidth / Math.max(1, report.trend.length);
  report.trend.forEach((week, index) => {
    const x = left + index * slot + slot * 0.25;
    const barWidth = slot * 0.5;
    const barHeight = (week.achieved / max) * chartHeight;
    doc.rect(x, chartTop + chartHeight - barHeight, barWidth, barHeight).fill(colours[week.status ?? "none"]);
    if (week.goal > 0) {
      const goalY = chartTop + chartHeight - (week.goal / max) * chartHeight;
      doc
        .moveTo(x - 6, goalY)
        .lineTo(x + barWidth + 6, goalY)
        .lineWidth(1.5)
        .stroke("#111827");
    }
    doc
      .fillColor("#111827")
      .fontSize(9)
      .text(week.isoWeek, left + index * slot, chartTop + chartHeight + 4, { width: slot, align: "center" })
      .text(
        `${number(week.achieved)} / ${number(week.goal)} (${percent(week.rate)})`,
        left + index * slot,
        undefined,
        {
          width: slot,
          align: "center",
        },
      );
  });
  doc.x = left;
  doc.y = chartTop + chartHeight + 34;

  // Team table, repeated header on every page.
  heading(text("reports.pdf.team"));
  const labels = [
    text("reports.pdf.name"),
    text("reports.pdf.goal"),
    text("reports.pdf.achieved"),
    text("reports.pdf.rate"),
    text("reports.pdf.status"),
  ];
  const rowHeight = 16;
  const header = () => {
    let x = left;
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(9).fillColor("#111827");
    columns.forEach((column, index) => {
      doc.text(labels[index] ?? "", x + 2, y, { width: column.width - 4, lineBreak: false });
      x += column.width;
    });
    doc
      .moveTo(left, y + rowHeight - 4)
      .lineTo(left + contentWidth, y + rowHeight - 4)
      .lineWidth(0.5)
      .stroke("#9ca3af");
    doc.font("Helvetica").fontSize(9);
    doc.y = y + rowHeight;
  };
  header();
  if (report.team.length === 0) doc.text(text("reports.pdf.noData"), left);
  for (const row of report.team) {
    if (doc.y + rowHeight > page.height - page.margin) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    const rowStatus = row.status ?? "none";
    const cells = [
      row.displayName,
      row.goal > 0 ? number(row.goal) : "–",
      number(row.achieved),
      percent(row.rate),
      row.vacationWeeks > 0 && row.goal === 0 ? text("reports.pdf.vacation") : statusWord(row.status),
    ];
    let x = left;
    columns.forEach((column, index) => {
      if (column.key === "status") {
        doc.rect(x + 2, y + 1, 8, 8).fill(colours[rowStatus]);
        doc
          .fillColor("#111827")
          .text(cells[index] ?? "", x + 14, y, { width: column.width - 16, lineBreak: false });
      } else {
        doc
          .fillColor("#111827")
          .text(cells[index] ?? "", x + 2, y, { width: column.width - 4, lineBreak: false, ellipsis: true });
      }
      x += column.width;
    });
    doc.y = y + rowHeight;
  }
  doc.end();
  return done;
}
