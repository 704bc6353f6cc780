/**
 * @module commands/netem
 * `tongilnet netem --listen HOST:PORT --target HOST:PORT --profile NAME`: a weak radio link
 * between clients and a server, as a TCP proxy (@tongilnet/netem). Clients connect to the listen
 * address; the server sees connections from the proxy.
 *
 * Prints one line when ready — `listening on HOST:PORT` (a JSON object with --json) — then, on
 * stderr, the byte counters every --report-every seconds (default 60), and the totals when it
 * stops on SIGINT or SIGTERM.
 */
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { note } from '../output.ts';
import {
  PROFILES,
  airBytes,
  compressProfile,
  profileByName,
  startNetem,
  validateProfile,
  type LinkProfile,
  type NetemCounters,
} from '@tongilnet/netem';

interface NetemOptions {
  listen: string;
  target?: string;
  profile: string;
  seed?: string;
  timeScale?: string;
  bandwidth?: string;
  latency?: string;
  loss?: string;
  outage?: string;
  outageMode?: string;
  incoming?: string;
  resetRate?: string;
  reportEvery: string;
  list?: boolean;
  json?: boolean;
}

/** HOST:PORT (IPv6 as [::1]:PORT). */
export function parseHostPort(text: string, option: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || !Number.isInteger(port) || port > 65_535) {
    throw new UserError(`${option}: "${text}" is not HOST:PORT (e.g. 127.0.0.1:9000)`, 2);
  }
  return { host: match[1] ?? match[2]!, port };
}

function number(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UserError(`${option}: "${text}" is not a number in ${min}..${max}`, 2);
  }
  return value;
}

/** The profile the options describe: a named one, overridden field by field, then compressed. */
export function profileFromOptions(options: NetemOptions): LinkProfile {
  let profile: LinkProfile;
  try {
    profile = profileByName(options.profile);
  } catch (error) {
    throw new UserError(`--profile: ${(error as Error).message}`, 2);
  }
  const both = (apply: (d: LinkProfile['up']) => void) => {
    apply(profile.up);
    apply(profile.down);
  };
  if (options.bandwidth !== undefined) {
    const bps = number(options.bandwidth, '--bandwidth', 1, 1e10);
    both((d) => (d.bitsPerSecond = bps));
  }
  if (options.latency !== undefined) {
    const ms = number(options.latency, '--latency', 0, 600_000);
    both((d) => (d.latencyMs = ms));
  }
  if (options.loss !== undefined) {
    const p = number(options.loss, '--loss', 0, 0.99);
    both((d) => (d.lossRate = p));
  }
  if (options.outage !== undefined) {
    if (options.outage === 'none') profile.outage.pattern = { kind: 'none' };
    else {
      const m = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(options.outage);
      const [down, every] = m ? [Number(m[1]) * 1000, Number(m[2]) * 1000] : [NaN, NaN];
      if (!m || !(every > down)) {
        throw new UserError(
          `--outage: "${options.outage}" is not DOWN/EVERY seconds with EVERY > DOWN (e.g. 10/60) or none`,
          2,
        );
      }
      profile.outage.pattern = {
        kind: 'periodic',
        everyMs: every,
        durationMs: down,
        firstAtMs: every / 2,
      };
    }
  }
  if (options.outageMode !== undefined) {
    if (options.outageMode !== 'hold' && options.outageMode !== 'cut') {
      throw new UserError(`--outage-mode: "${options.outageMode}" is not hold or cut`, 2);
    }
    profile.outage.existing = options.outageMode;
  }
  if (options.incoming !== undefined) {
    if (options.incoming !== 'refuse' && options.incoming !== 'blackhole') {
      throw new UserError(`--incoming: "${options.incoming}" is not refuse or blackhole`, 2);
    }
    profile.outage.incoming = options.incoming;
  }
  if (options.resetRate !== undefined) {
    profile.resetPerSecond = number(options.resetRate, '--reset-rate', 0, 0.99);
  }
  if (options.timeScale !== undefined) {
    profile = compressProfile(profile, number(options.timeScale, '--time-scale', 0.001, 1e6));
  }
  try {
    return validateProfile(profile);
  } catch (error) {
    throw new UserError((error as Error).message, 2);
  }
}

function describeCounters(c: NetemCounters): string {
  return (
    `up ${c.up.bytes} B (${airBytes(c.up)} B on air), down ${c.down.bytes} B ` +
    `(${airBytes(c.down)} B on air); connections ${c.connections} (${c.active} open, ` +
    `${c.refused} refused, ${c.cut} cut, ${c.resets} reset); round trips ${c.roundTrips}; ` +
    `outages ${c.outages}`
  );
}

export function register(program: Command): void {
  program
    .command('netem')
    .description('emulate a weak radio link: a TCP proxy with bandwidth, latency, loss and outages')
    .option('--listen <host:port>', 'where clients connect', '127.0.0.1:9000')
    .option('--target <host:port>', 'the server behind the link, e.g. 127.0.0.1:8080')
    .option('--profile <name>', `link profile: ${Object.keys(PROFILES).join(', ')}`, 'edge-9k6')
    .option('--seed <n>', 'seed of losses, resets and random outages (default: random, printed)')
    .option('--time-scale <k>', 'run k times faster: bandwidth × k, every duration ÷ k')
    .option('--bandwidth <bit/s>', 'override: bit/s each way')
    .option('--latency <ms>', 'override: one-way latency each way, ms')
    .option('--loss <p>', 'override: probability a segment is lost and retransmitted')
    .option('--outage <down/every>', 'override: down DOWN s every EVERY s (e.g. 10/60), or none')
    .option('--outage-mode <mode>', 'override: open connections in an outage: hold or cut')
    .option('--incoming <mode>', 'override: new connections in an outage: refuse or blackhole')
    .option('--reset-rate <p>', 'override: probability per second of resetting a connection')
    .option('--report-every <s>', 'seconds between counter lines on stderr', '60')
    .option('--list', 'list the profiles and exit')
    .option('--json', 'print the ready line (and --list) as JSON')
    .action(async (options: NetemOptions) => {
      if (options.list) {
        const list = Object.values(PROFILES).map((p) => ({
          name: p.name,
          description: p.description,
        }));
        process.stdout.write(
          options.json
            ? `${JSON.stringify(list)}\n`
            : `${list.map((p) => `${p.name.padEnd(10)} ${p.description}`).join('\n')}\n`,
        );
        return;
      }
      if (!options.target) throw new UserError('--target HOST:PORT is required', 2);
      const listen = parseHostPort(options.listen, '--listen');
      const target = parseHostPort(options.target, '--target');
      const profile = profileFromOptions(options);
      const seed =
        options.seed !== undefined
          ? number(options.seed, '--seed', 0, 2 ** 32 - 1)
          : Math.floor(Math.random() * 2 ** 32);
      if (!Number.isInteger(seed))
        throw new UserError(`--seed: "${options.seed}" is not an integer`, 2);
      const reportMs = number(options.reportEvery, '--report-every', 0.1, 86_400) * 1000;

      let netem;
      try {
        netem = await startNetem({ listen, target, profile, seed });
      } catch (error) {
        throw new UserError(`cannot listen on ${options.listen}: ${(error as Error).message}`);
      }
      const address = `${netem.host.includes(':') ? `[${netem.host}]` : netem.host}:${netem.port}`;
      const ready = {
        listening: address,
        target: `${target.host}:${target.port}`,
        profile: profile.name,
        seed,
      };
      process.stdout.write(
        options.json ? `${JSON.stringify(ready)}\n` : `listening on ${address}\n`,
      );
      note(`netem: ${profile.name} (${profile.description}) → ${ready.target}, seed ${seed}`);
      const started = Date.now();
      const timer = setInterval(() => {
        const minutes = ((Date.now() - started) / 60_000).toFixed(1);
        note(`netem ${minutes} min: ${describeCounters(netem.counters)}`);
      }, reportMs);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          clearInterval(timer);
          netem.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      note(`netem stopped: ${describeCounters(netem.counters)}`);
    });
}
