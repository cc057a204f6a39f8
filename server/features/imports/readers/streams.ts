/**
 * Stream plumbing shared by the readers: reading what a stream has buffered in batches, peeking at its
 * first bytes, and handing the event loop back while a file is read.
 */
import { type Readable, Readable as ReadableStream } from 'node:stream';
import { setImmediate as nextMacrotask } from 'node:timers/promises';

/** Longest the parser and validator may hold the event loop before other requests get a turn. */
const MAX_BUSY_MS = 20;

/** Resolves once `stream` has something to read, has ended or closed; rejects when it fails. */
function readableOrDone(stream: Readable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // one listener for all four events: this runs several times per delivery
    const settle = (error?: unknown) => {
      stream.off('readable', settle);
      stream.off('end', settle);
      stream.off('close', settle);
      stream.off('error', settle);
      if (error instanceof Error) reject(error);
      else resolve();
    };
    stream.on('readable', settle);
    stream.on('end', settle);
    stream.on('close', settle);
    stream.on('error', settle);
  });
}

/** Everything an object stream has buffered, as one array per wake-up, until it ends. */
export async function* readBatches<T>(stream: Readable): AsyncGenerator<T[]> {
  for (;;) {
    if (stream.errored) throw stream.errored;
    const batch: T[] = [];
    for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null) batch.push(item);
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (stream.readableEnded || stream.destroyed) {
      if (stream.errored) throw stream.errored;
      return;
    }
    await readableOrDone(stream);
  }
}

/**
 * Reads the first chunks of a paused stream until `enough` says so (or it ends) and puts them back,
 * so the stream can be handed on whole: the file type and the separator are decided on the first
 * bytes and the first line. Returns the chunks and the stream to read on, which is `stream` itself
 * unless it already ended (then a new stream of the chunks: an ended stream takes nothing back).
 * Cheaper than wrapping the stream in a new one, which for every delivery cost more than its rows.
 */
export async function peek<T extends Buffer | string>(
  stream: Readable,
  enough: (chunks: readonly T[]) => boolean,
): Promise<{ head: T[]; stream: Readable }> {
  const head: T[] = [];
  reading: for (;;) {
    if (stream.errored) throw stream.errored;
    for (let chunk = stream.read() as T | null; chunk !== null; chunk = stream.read() as T | null) {
      head.push(chunk);
      if (enough(head)) break reading;
    }
    if (stream.readableEnded || stream.destroyed) break;
    await readableOrDone(stream);
  }
  if (stream.errored) throw stream.errored;
  if (stream.readableEnded || stream.destroyed) return { head, stream: ReadableStream.from(head) };
  for (let i = head.length - 1; i >= 0; i--) stream.unshift(head[i]);
  return { head, stream };
}

/**
 * Hands the event loop back every MAX_BUSY_MS, so no upload holds other requests (`/api/health`,
 * `/status`) for long. Called between pieces of work; costs a clock read when there is no need.
 */
export class Pacer {
  private busySince = performance.now();
  async pace(): Promise<void> {
    if (performance.now() - this.busySince <= MAX_BUSY_MS) return;
    await nextMacrotask();
    this.busySince = performance.now();
  }
}

export const ignore = () => {};
