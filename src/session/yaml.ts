import { type Document, type LineCounter, YAMLParseError, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';

/**
 * Parses a YAML file wtfc reads, with positions for messages. A key written twice in one map is an
 * error, as yaml's `uniqueKeys` makes it; but that option compares every key with every earlier
 * one, so a file of 50,000 keys took over a minute. The check here is a set per map, and walks the
 * document without recursion, so deep nesting cannot overflow the stack either.
 */
export function parseYaml(source: string, lineCounter: LineCounter): Document.Parsed {
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const duplicates: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          const at = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
          duplicates.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
        seen.add(key);
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  if (duplicates.length > 0) {
    doc.errors.push(...duplicates);
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  return doc;
}
