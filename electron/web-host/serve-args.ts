/** Fixed so an SSH port-forward line can be written once; `--port 0` picks any free port. */
export const DEFAULT_PORT = 8710;

/** The flags `npm run serve` takes (README, "Configuration"); each needs a value. */
const FLAGS = ['--port', '--wallets-path'] as const;
type Flag = (typeof FLAGS)[number];

const USAGE = 'It takes --port N (0 = any free port) and --wallets-path DIR, as `npm run serve -- --port 9000`.';

/**
 * The web host's command line, checked whole: a mistyped flag (`--prot 9000`), one it does not
 * take (`--host 0.0.0.0`: it only ever listens on loopback), or a flag without its value would
 * otherwise be ignored and the host started somewhere the user did not ask for.
 */
export function parseServeArgs(argv: readonly string[]): { port: number; values: Partial<Record<Flag, string>> } {
  const values: Partial<Record<Flag, string>> = {};
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(FLAGS as readonly string[]).includes(name)) {
      unknown.push(arg);
      continue;
    }
    const flag = name as Flag;
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('--')) value = argv[++i];
    if (value === undefined || value.trim() === '')
      throw new Error(`${flag} needs a value (${flag === '--port' ? '--port 9000, say' : '--wallets-path DIR'}).`);
    if (values[flag] !== undefined && values[flag] !== value)
      throw new Error(`${flag} is given twice (${values[flag]} and ${value}): give it once.`);
    values[flag] = value;
  }
  if (unknown.length > 0)
    throw new Error(
      `The web host does not take ${unknown.length === 1 ? 'this argument' : 'these arguments'}: ${unknown.join(' ')}. ${USAGE}`,
    );
  return { port: parsePort(values['--port']), values };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535 (got "${raw}").`);
  }
  return port;
}
