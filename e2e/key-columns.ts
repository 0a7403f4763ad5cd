// Tables that fit: a table's key columns (number, title, state, deadlines, what came back) must be wholly
// in view — header and cells inside the table's visible box and inside the window, no cell's content cut
// off — whatever the other columns scroll.
import type { Locator } from 'playwright-core';

// Runs in the page, as written: the test runner's transform would add helpers the page does not have.
const CHECK = `
  const container = root.querySelector('.ant-table-container') || root;
  const box = container.getBoundingClientRect();
  const outside = (rect) =>
    rect.left < box.left - 1 || rect.right > box.right + 1 || rect.left < 0 || rect.right > window.innerWidth + 1;
  const headers = Array.from(root.querySelectorAll('thead th'));
  const rows = Array.from(root.querySelectorAll('tbody tr.ant-table-row'));
  const problems = [];
  for (const header of wanted) {
    const th = headers.find((cell) => (cell.textContent || '').trim() === header);
    if (!th) {
      problems.push(header + ': no such column');
      continue;
    }
    if (outside(th.getBoundingClientRect())) problems.push(header + ': header out of view');
    for (const row of rows) {
      const cell = row.cells[th.cellIndex];
      if (!cell) continue;
      if (outside(cell.getBoundingClientRect())) problems.push(header + ': a cell out of view');
      // A cell that ellipsizes on purpose shows its text in a tooltip; any other must show it whole.
      if (cell.classList.contains('ant-table-cell-ellipsis')) continue;
      const content = document.createRange();
      content.selectNodeContents(cell);
      const shown = content.getBoundingClientRect();
      const bounds = cell.getBoundingClientRect();
      if (shown.left < bounds.left - 1 || shown.right > bounds.right + 1)
        problems.push(header + ': "' + cell.textContent + '" cut off');
    }
  }
  return problems;
`;

const check = new Function('root', 'wanted', CHECK) as (root: Element, wanted: string[]) => string[];

/** The key columns of `table` (by header text) that are missing, outside the visible box, or cut off. */
export function clippedKeyColumns(table: Locator, headers: readonly string[]): Promise<string[]> {
  return table.evaluate(check, [...headers]);
}
