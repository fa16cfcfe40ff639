import type { PageStart, PageToken } from '../dialects/common/emulated/page-token.js';
import type { Dataset } from './dataset.js';
import type { CompiledFilter } from './filters.js';

/** One page: the positions it holds, newest first, and the tokens of its neighbours (null when there is none). */
export interface PageSlice {
  positions: number[];
  next: PageToken | null;
  previous: PageToken | null;
}

function collectForward(filter: CompiledFilter, from: number, skip: number, size: number): { positions: number[]; more: boolean } {
  const positions: number[] = [];
  let skipped = 0;
  for (let i = Math.max(from, filter.lo); i < filter.hi; i += 1) {
    if (!filter.matches(i)) continue;
    if (skipped < skip) skipped += 1;
    else if (positions.length === size) return { positions, more: true };
    else positions.push(i);
  }
  return { positions, more: false };
}

function collectBackward(filter: CompiledFilter, before: number, size: number): { positions: number[]; more: boolean } {
  const positions: number[] = [];
  for (let i = Math.min(before, filter.hi) - 1; i >= filter.lo; i -= 1) {
    if (!filter.matches(i)) continue;
    if (positions.length === size) return { positions: positions.reverse(), more: true };
    positions.push(i);
  }
  return { positions: positions.reverse(), more: false };
}

/**
 * Cuts one page out of the filtered, ordered dataset. Tokens name the last
 * (PA) or first (PB) call of the page they lead from, so a page costs the
 * scan of its own positions (plus whatever the filter skips), whatever its
 * depth. `page` is the client's page number, used to decide whether there is
 * a previous page. Returns null when a token names a call the dataset does not hold.
 */
export function slicePage(dataset: Dataset, filter: CompiledFilter, start: PageStart, size: number, page: number): PageSlice | null {
  const key = (position: number) => dataset.keyAt(position);
  if ('token' in start && start.token.direction === 'before') {
    const at = dataset.positionOf(start.token.key);
    if (at < 0) return null;
    const { positions, more } = collectBackward(filter, at, size);
    return {
      positions,
      next: positions.length > 0 ? { direction: 'after', key: key(positions[positions.length - 1]!) } : null,
      previous: more ? { direction: 'before', key: key(positions[0]!) } : null,
    };
  }
  // Forward: from the start at an offset, or from just after a PA token's call.
  let from = 0;
  if ('token' in start) {
    const at = dataset.positionOf(start.token.key);
    if (at < 0) return null;
    from = at + 1;
  }
  const { positions, more } = collectForward(filter, from, 'offset' in start ? start.offset : 0, size);
  const next: PageToken | null = more ? { direction: 'after', key: key(positions[positions.length - 1]!) } : null;
  const previous: PageToken | null = page > 0 && positions.length > 0 ? { direction: 'before', key: key(positions[0]!) } : null;
  return { positions, next, previous };
}
