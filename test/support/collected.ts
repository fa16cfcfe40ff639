import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A context created after the flag is set gets V8's `gc` function, without starting Node with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Whether the object `ref` points to is gone after full collections. The
 * turns of the event loop between them let V8 drop the strong hold a
 * WeakRef keeps on its target until the end of the job that made or read it.
 */
export async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
  }
  return ref.deref() === undefined;
}
