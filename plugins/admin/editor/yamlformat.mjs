// The YAML the editor writes, for Node: same library (yaml, the version the editor bundles)
// and same options as Sveltia CMS 0.221 with `output.yaml` of our config.yml (quote:
// double, indent 2, sequences indented, no line folding), trimmed, one final newline.
import { parse, stringify } from 'yaml';

export function serialize(data) {
  const text = stringify(data, null, {
    indent: 2,
    indentSeq: true,
    lineWidth: 0,
    defaultKeyType: 'PLAIN',
    defaultStringType: 'QUOTE_DOUBLE',
    singleQuote: false,
  });
  return `${text.trim()}\n`;
}

// Texts without the final line break that `>` blocks add: the editor's fields hold none.
function trimmed(value) {
  if (typeof value === 'string') return value.trimEnd();
  if (Array.isArray(value)) return value.map(trimmed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, trimmed(item)]));
  }
  return value;
}

export function normalized(text) {
  return serialize(trimmed(parse(text)));
}
