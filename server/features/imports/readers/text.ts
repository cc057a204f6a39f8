/** Text decoding of a CSV upload: BOM, UTF-8, UTF-16 and the Windows-1252 fallback, to checked UTF-8 bytes. */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { AppError } from '../../../errors.ts';
import { binaryContent, startsWith } from './sniff.ts';

/** Text that is neither valid UTF-8 nor plausibly Windows-1252: reported as a problem of the file (422). */
const mixedEncoding = () => new AppError('validation_failed', MIXED_ENCODING);

/** Whether `error` is the encoding problem `Utf8Text` throws. */
export function isEncodingProblem(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'validation_failed' && error.message === MIXED_ENCODING;
}

type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Length of the prefix of `buf` that does not end inside a UTF-8 multi-byte sequence. */
function completeUtf8Length(buf: Buffer): number {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((buf[i] as number) & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i] as number;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i < needed ? i : buf.length;
}

const hasNonAscii = (buf: Buffer) => !isAscii(buf);
/** A well-formed UTF-8 multi-byte sequence; in Windows-1252 text these byte pairs (`Ã©`) hardly occur. */
const UTF8_SEQUENCE = /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/;
const hasUtf8Sequence = (buf: Buffer) => UTF8_SEQUENCE.test(buf.toString('latin1'));
const MIXED_ENCODING =
  'Het bestand is geen geldige UTF-8 (het mengt tekensets); sla het opnieuw op als "CSV UTF-8 (door komma’s gescheiden)"';

/**
 * Bytes in, checked UTF-8 bytes out, without a BOM and cut only between characters, so each piece is
 * whole text. A BOM decides (UTF-8, UTF-16); without one the text is read as strict UTF-8
 * until the first byte sequence that is not valid UTF-8, and from there as Windows-1252, which is
 * what Dutch Excel's plain "CSV (gescheiden door lijstscheidingsteken)" writes. The switch is safe
 * while everything before was ASCII (identical in both); a file that mixes valid UTF-8 accents with
 * Windows-1252 bytes is refused rather than garbled. Node's own TextDecoder('windows-1252') maps
 * 0x80 to U+0080 instead of €, hence iconv-lite. UTF-8 input passes through as it is (the parser reads
 * bytes, so decoding it here only to encode it again would double the work). A plain object rather
 * than a stream: the CSV reader calls it in its own loop (a stream per delivery cost more than its rows).
 */
export class Utf8Text {
  private encoding: Encoding | 'undecided' = 'undecided';
  private bomPending: Buffer = Buffer.alloc(0);
  private carry: Buffer = Buffer.alloc(0);
  /** Still possible to switch to Windows-1252: no BOM and no non-ASCII UTF-8 seen yet. */
  private mayFallBack = true;
  private decoder: { write(b: Buffer): string; end(): string | undefined } | null = null;
  private out: Buffer[] = [];

  /** The next bytes of the file; returns the UTF-8 text they complete. Throws the encoding problem (422) or, for binary content, a 415. */
  write(chunk: Buffer | string): Buffer[] {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (this.encoding === 'undecided') {
      bytes = Buffer.concat([this.bomPending, bytes]);
      if (bytes.length < 3) {
        this.bomPending = bytes;
        return [];
      }
      this.bomPending = Buffer.alloc(0);
      bytes = this.decideByBom(bytes);
    }
    this.decode(bytes, false);
    return this.take();
  }

  /** The end of the file; returns the rest of the text. */
  end(): Buffer[] {
    if (this.encoding === 'undecided') this.decode(this.decideByBom(this.bomPending), true);
    else this.decode(Buffer.alloc(0), true);
    return this.take();
  }

  private take(): Buffer[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private decideByBom(bytes: Buffer): Buffer {
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
      this.encoding = 'utf-8';
      this.mayFallBack = false;
      return bytes.subarray(3);
    }
    if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
      this.encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
      this.decoder = iconv.getDecoder(this.encoding, { stripBOM: false });
      return bytes.subarray(2);
    }
    this.encoding = 'utf-8';
    return bytes;
  }

  private decode(bytes: Buffer, final: boolean): void {
    const sixteenBit = this.encoding === 'utf-16le' || this.encoding === 'utf-16be';
    if (!sixteenBit && bytes.includes(0)) throw binaryContent();
    if (this.encoding === 'windows-1252' && hasUtf8Sequence(bytes)) throw mixedEncoding();
    if (this.decoder) {
      const text = this.decoder.write(bytes) + (final ? (this.decoder.end() ?? '') : '');
      if (text) this.out.push(Buffer.from(text));
      return;
    }
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    const cut = final ? data.length : completeUtf8Length(data);
    const complete = data.subarray(0, cut);
    if (isUtf8(complete)) {
      if (complete.length > 0) this.out.push(complete);
      if (this.mayFallBack && hasNonAscii(complete)) this.mayFallBack = false;
      this.carry = Buffer.from(data.subarray(cut));
    } else {
      if (!this.mayFallBack || hasUtf8Sequence(data)) throw mixedEncoding();
      // Everything before was ASCII, so reading it all as Windows-1252 would have given the same text.
      this.encoding = 'windows-1252';
      this.decoder = iconv.getDecoder('win1252');
      this.carry = Buffer.alloc(0);
      this.decode(data, final);
    }
  }
}
