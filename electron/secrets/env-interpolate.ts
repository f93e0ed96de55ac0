/**
 * python-dotenv's `${NAME}` / `${NAME:-default}` expansion (its `variables.py` and
 * `main.py` `resolve_variables`, on by default in `load_dotenv` and `dotenv_values`): each value,
 * quoted or not, is expanded in file order from the values resolved before it. python-dotenv then
 * falls back to `os.environ`; this app does not read its own environment (it is not the machine
 * the file is loaded on), so a name not set earlier in the file is reported instead.
 *
 * The pattern is python-dotenv's `\$\{(?P<name>[^\}:]*)(?::-(?P<default>[^\}]*))?\}`, matched by
 * hand so a value full of `${` without a `}` costs one pass, not one per `${`.
 */

/** A reference the file itself could not fill in. */
export interface Unresolved {
  name: string;
  /** True when `${NAME:-default}` gave its default; false when the reference was left as written. */
  defaulted: boolean;
}

export interface Expanded {
  value: string;
  unresolved: Unresolved[];
}

/**
 * Expand `value` from `known` (the keys set earlier in the file, with their resolved values).
 * An unknown name with a default takes the default, as python-dotenv does when the environment
 * lacks it too; without one the reference stays as written rather than becoming an empty value.
 */
export function expandReferences(value: string, known: ReadonlyMap<string, string>): Expanded {
  const unresolved: Unresolved[] = [];
  let out = '';
  let cursor = 0;
  // The next `}` and `:` at or after a position, kept while later starts come before them
  // (`value.length` for a `:` there is none of).
  let close = -1;
  let colon = -1;
  let start = value.indexOf('${');
  while (start !== -1) {
    if (close < start + 2) close = value.indexOf('}', start + 2);
    if (close === -1) break;
    if (colon < start + 2) {
      colon = value.indexOf(':', start + 2);
      if (colon === -1) colon = value.length;
    }
    let name: string;
    let fallback: string | null = null;
    if (colon < close) {
      // `[^}:]*` stopped at a `:`: only `:-` goes on (to a default); anything else is no match here.
      if (value.charAt(colon + 1) !== '-') {
        start = value.indexOf('${', start + 1);
        continue;
      }
      name = value.slice(start + 2, colon);
      fallback = value.slice(colon + 2, close);
    } else {
      name = value.slice(start + 2, close);
    }
    const end = close + 1;
    out += value.slice(cursor, start);
    const found = known.get(name);
    if (found !== undefined) {
      out += found;
    } else if (fallback !== null) {
      out += fallback;
      unresolved.push({ name, defaulted: true });
    } else {
      out += value.slice(start, end);
      unresolved.push({ name, defaulted: false });
    }
    cursor = end;
    start = value.indexOf('${', end);
  }
  return { value: out + value.slice(cursor), unresolved };
}
