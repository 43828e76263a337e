/** The job summary as GitHub's Markdown (GFM) reads it. */
import type { Html, Nodes, Root, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

export function nodesOf<T extends Nodes>(tree: Nodes, type: T['type']): T[] {
  const found: T[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === type) found.push(node as T);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return found;
}

/**
 * What is wrong with the summary's tables as GFM reads them: a row whose cell count differs
 * from its header's (a raw `|` splits a cell), or HTML inside a cell.
 */
export function tableProblems(markdown: string): string[] {
  const source = markdown.split('\n');
  return nodesOf<Table>(parse(markdown), 'table').flatMap((table) => {
    const [header, ...rows] = table.children;
    const width = header?.children.length ?? 0;
    const headerLine = source[(header?.position?.start.line ?? 1) - 1] ?? '';
    // The header as written: GFM drops a row's extra cells, so count the pipes too.
    const written = headerLine.split('|').length - 2;
    return [
      ...(written === width ? [] : [`header "${headerLine}" has ${written} cells written`]),
      ...rows.flatMap((row) => {
        const line = source[(row.position?.start.line ?? 1) - 1] ?? '';
        const pipes = line.replace(/\\\|/g, '').split('|').length - 2;
        return [
          ...(row.children.length === width && pipes === width
            ? []
            : [`row "${line}" has ${pipes} cells for ${width} columns`]),
          ...nodesOf<Html>(row, 'html').map((h) => `raw HTML ${h.value} in row "${line}"`),
        ];
      }),
    ];
  });
}

/** Each table of the summary as cell texts (entities decoded), by its header's first cell. */
export function tables(markdown: string): Map<string, string[][]> {
  return new Map(
    nodesOf<Table>(parse(markdown), 'table').map((t) => {
      const rows = t.children.map((row) => row.children.map((cell) => toString(cell)));
      return [rows[0]?.[0] ?? '', rows];
    }),
  );
}

/** The Markdown as HTML, as GitHub renders a job summary (GFM, with its raw HTML kept). */
export function toHtml(markdown: string): string {
  return micromark(markdown, {
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
    allowDangerousHtml: true,
  });
}
