/** Decides from the first bytes of an upload what it is: XLSX (a zip), text, or a file to refuse. */
import { AppError } from '../../../errors.ts';

/** The file is neither CSV nor XLSX: 415, with what it looked like when that is known. */
export function notCsvOrXlsx(what: string): AppError {
  return new AppError('unsupported_media_type', `Het bestand is geen CSV of XLSX${what}.`);
}

/** A file with bytes no text has: 415. */
export const binaryContent = () => notCsvOrXlsx(' (het bevat binaire gegevens)');

/** How many bytes the type is decided on. */
export const SNIFF_BYTES = 4096;

const BINARY_SIGNATURES: { bytes: number[]; label: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], label: 'een PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], label: 'een PNG-afbeelding' },
  { bytes: [0xff, 0xd8, 0xff], label: 'een JPEG-afbeelding' },
  { bytes: [0x47, 0x49, 0x46, 0x38], label: 'een GIF-afbeelding' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], label: 'een oud Excel-bestand (.xls); sla het op als .xlsx of CSV' },
  { bytes: [0x1f, 0x8b], label: 'een gzip-archief' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], label: 'een leeg ZIP-archief' },
];

export const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/**
 * Decides from the first bytes whether this is an XLSX (a zip), text, or something to refuse.
 * Throws a 415 AppError for other binary files.
 */
export function detectFileKind(head: Buffer): 'xlsx' | 'text' | 'empty' {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(head, signature.bytes)) throw notCsvOrXlsx(`, maar ${signature.label}`);
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'text';
  let control = 0;
  for (const byte of head) {
    if (byte === 0) throw binaryContent();
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  if (control > head.length / 20) throw binaryContent();
  return 'text';
}
