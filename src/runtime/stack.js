// Stack traces of errors thrown in the page, mapped through the modules'
// source maps to the files as written: the overlay then names
// `src/view.ts:3:9`, not `/src/view.ts?t=1733:3:120` of the compiled code
// (the dev header on line 1 moves its columns; TypeScript and JSX move more).
// The client imports this module only when an error is shown, so a page
// that never fails never loads it.
//
//   Error: boom                                   Error: boom
//       at http://host/src/view.ts?t=1:1:190  ->      at src/view.ts:1:37

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes v3 `mappings` into lines of [column, source, line, column] segments (0-based). */
export function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  let line = 0;
  let column = 0;
  for (const text of mappings.split(";")) {
    const segments = [];
    let generated = 0;
    for (const piece of text.split(",")) {
      if (!piece) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const c of piece) {
        const digit = DIGIT.get(c);
        if (digit === undefined) break;
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
          continue;
        }
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      generated += fields[0] ?? 0;
      if (fields.length < 4) continue; // maps to nothing
      source += fields[1];
      line += fields[2];
      column += fields[3];
      segments.push([generated, source, line, column]);
    }
    lines.push(segments);
  }
  return lines;
}

/** The original position of 1-based (line, column) of generated code, or null. */
export function originalPosition(map, decoded, line, column) {
  const segments = decoded[line - 1];
  if (!segments?.length) return null;
  let found = null;
  for (const s of segments) {
    if (s[0] > column - 1) break;
    found = s;
  }
  found ??= segments[0];
  return {
    source: map.sources[found[1]],
    content: map.sourcesContent?.[found[1]] ?? null,
    line: found[2] + 1,
    column: found[3] + 1,
  };
}

// Lines around `line` of `content` with a caret under `column`, as the
// server's compile errors show them.
export function codeFrame(content, line, column) {
  const lines = content.split(/\r\n|\r|\n/);
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 2);
  const width = String(last).length;
  let frame = "";
  for (let n = first; n <= last; n++) {
    frame += `${n === line ? ">" : " "} ${String(n).padStart(width)} | ${lines[n - 1]}\n`;
    if (n === line) frame += `  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1))}^\n`;
  }
  return frame;
}

const FRAME = /(https?:\/\/[^\s()]+?):(\d+):(\d+)/;

/**
 * Maps every `url:line:column` of `stack` that belongs to the page's origin.
 * Returns { stack, top } where `top` is the first mapped frame's
 * { file, line, column, frame } (null if none could be mapped).
 * `fetchText(url)` gives a URL's body (window.fetch in the page).
 */
export async function mapStack(stack, { origin, fetchText }) {
  const maps = new Map(); // module URL -> Promise<{ map, decoded, mapUrl } | null>
  const mapOf = (url) => {
    if (!maps.has(url)) {
      maps.set(
        url,
        (async () => {
          const code = await fetchText(url);
          const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code);
          if (!m) return null;
          const mapUrl = new URL(m[1], url).href;
          const map = JSON.parse(await fetchText(mapUrl));
          return { map, decoded: decodeMappings(map.mappings ?? ""), mapUrl };
        })().catch(() => null),
      );
    }
    return maps.get(url);
  };
  let top = null;
  const out = [];
  for (const text of String(stack ?? "").split("\n")) {
    const m = FRAME.exec(text);
    if (!m || !m[1].startsWith(origin)) {
      out.push(text);
      continue;
    }
    const [, url, line, column] = m;
    const found = await mapOf(url);
    const at = found && originalPosition(found.map, found.decoded, Number(line), Number(column));
    if (!at) {
      out.push(text);
      continue;
    }
    const file = decodeURI(new URL(at.source, found.mapUrl).pathname).replace(/^\//, "");
    out.push(text.replace(m[0], `${file}:${at.line}:${at.column}`));
    if (!top) {
      top = { file, line: at.line, column: at.column, frame: at.content ? codeFrame(at.content, at.line, at.column) : "" };
    }
  }
  return { stack: out.join("\n"), top };
}
