import type { FastifyReply } from 'fastify';
import type { DeviationsResponse, MeetingDeviationsResponse } from '../../../shared/contracts/deviations.ts';
import {
  buildDeviationReport,
  type ExportFormat,
  exportFileName,
  type Trends,
} from '../../../shared/domain/deviation-report.ts';
import { renderCsv } from './csv.ts';
import { renderDocx } from './docx.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The list rendered in one format; every format shows the rows of `buildDeviationReport`. */
export async function renderExport(
  list: DeviationsResponse | MeetingDeviationsResponse,
  format: ExportFormat,
  exportedAt: Date,
  trends?: Trends,
): Promise<Buffer> {
  const report = buildDeviationReport(list, exportedAt.toISOString(), trends);
  switch (format) {
    case 'csv':
      return renderCsv(report);
    case 'xlsx':
      return renderXlsx(report);
    case 'pdf':
      return renderPdf(report);
    case 'docx':
      return renderDocx(report);
  }
}

/** Sends a file as a download with a Dutch file name; never cached (it holds personal-ish data). */
export function sendFile(reply: FastifyReply, body: Buffer, filename: string, format: ExportFormat): FastifyReply {
  return reply
    .code(200)
    .header('content-type', CONTENT_TYPE[format])
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** Sends the export of a deviation list as a download, with the course of each row when `trends` is given. */
export async function sendExport(
  reply: FastifyReply,
  list: DeviationsResponse | MeetingDeviationsResponse,
  format: ExportFormat,
  exportedAt: Date,
  trends?: Trends,
): Promise<FastifyReply> {
  const body = await renderExport(list, format, exportedAt, trends);
  const meeting = 'meeting' in list ? { type: list.meeting.type, date: list.meeting.date } : undefined;
  const filename = exportFileName({ dvo: list.dvo, period: list.period, asOf: list.asOf, meeting }, format);
  return sendFile(reply, body, filename, format);
}
