const QUOTE = 0x22;
const LF = 0x0a;
const CRLF = Buffer.from("\r\n");

/**
 * PostgreSQL's COPY ends CSV records with LF; RFC 4180 asks for CRLF. A line feed inside a
 * quoted value stays as it is: quotes toggle the state (a doubled quote toggles twice), and the
 * state carries across chunks.
 */
export async function* crlfRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let quoted = false;
  for await (const chunk of chunks) {
    const parts: Buffer[] = [];
    let start = 0;
    let nextQuote = chunk.indexOf(QUOTE);
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, lf + 1)) {
      while (nextQuote !== -1 && nextQuote < lf) {
        quoted = !quoted;
        nextQuote = chunk.indexOf(QUOTE, nextQuote + 1);
      }
      if (quoted) continue;
      parts.push(chunk.subarray(start, lf), CRLF);
      start = lf + 1;
    }
    while (nextQuote !== -1) {
      quoted = !quoted;
      nextQuote = chunk.indexOf(QUOTE, nextQuote + 1);
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
    yield parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
}
