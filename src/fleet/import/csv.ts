// A small CSV reader (RFC 4180: commas, double-quoted fields with "" inside, CRLF or LF) for Import Orgs. It never
// quotes a cell in an error: a cell may hold an API token.

/** The rows of `text`, each a list of cells; blank lines skipped. Throws on an unterminated quoted field. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let openedOn = 0;
  const endRow = () => {
    row.push(cell);
    if (row.some((c) => c.trim() !== '')) rows.push(row);
    row = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      openedOn = line;
      cell = '';
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else cell += c;
  }
  if (quoted) throw new Error(`a quoted field opened on line ${openedOn} is never closed`);
  endRow();
  return rows;
}
