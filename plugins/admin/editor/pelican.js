// Pelican's Markdown pages: `Key: value` header lines, a blank line, the body.
//
// The editor edits some headers (its fields are named like the headers, Title, Summary…)
// and the body, raw. Every header line it does not edit is kept as written, in its place:
// `headers` (a hidden field) holds the header block as read, so a page saved with one
// changed title differs from the file by that one line.

const HEADER = /^([A-Za-z][A-Za-z0-9_]*):(?: (.*))?$/;

function splitHeaders(text) {
  const end = text.indexOf('\n\n');
  const block = end === -1 ? text.replace(/\n$/, '') : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 2);
  return { lines: block === '' ? [] : block.split('\n'), body };
}

export function fromFile(text) {
  const { lines, body } = splitHeaders(text);
  const entry = { headers: lines.join('\n'), body };
  for (const line of lines) {
    const match = HEADER.exec(line);
    if (match) entry[match[1]] = match[2] ?? '';
  }
  return entry;
}

function headerLine(key, value) {
  return value === '' ? `${key}:` : `${key}: ${value}`;
}

export function toFile(entry) {
  const written = new Set();
  const lines = (entry.headers || '').split('\n').filter((line) => line !== '');
  const block = lines.map((line) => {
    const match = HEADER.exec(line);
    if (!match || !(match[1] in entry)) return line;
    written.add(match[1]);
    const value = String(entry[match[1]] ?? '');
    return value === (match[2] ?? '') ? line : headerLine(match[1], value);
  });
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'headers' || key === 'body' || written.has(key)) continue;
    if (!/^[A-Z]/.test(key) || value === undefined || value === null || value === '') continue;
    block.push(headerLine(key, String(value)));
  }
  let body = String(entry.body ?? '');
  if (body !== '' && !body.endsWith('\n')) body += '\n';
  return `${block.join('\n')}\n\n${body}`;
}
