/**
 * @module plan/load
 * Reads a plan file (YAML or JSON — YAML 1.2 reads both) and validates it, keeping line numbers so
 * every complaint says where in the file to look. A plan's `jammers:` may name a separate file
 * (relative to the plan), which holds `jammers: [...]` or a bare list.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { Checker, PlanError, type FieldPath } from './checker.ts';
import type { Jammer, Plan } from './types.ts';
import { validateJammers, validatePlan, type ValidateOptions } from './validate.ts';

interface ParsedFile {
  value: unknown;
  locate: (path: FieldPath) => number | undefined;
}

/** Parses YAML/JSON text; syntax errors become a PlanError with the line. */
export function parsePlanText(text: string, file?: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lineCounter.linePos(e.pos[0]).line;
    const message = e.message.split('\n')[0] ?? e.message;
    throw new PlanError([{ path: '(syntax)', problem: message, line }], file);
  }
  const locate = (path: FieldPath): number | undefined => {
    // The deepest node that exists on the path: an unknown key's own node, else its parent's.
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { value: doc.toJS({ maxAliasCount: 100 }) as unknown, locate };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `${path}: no such plan file` : `${path}: cannot read (${code})`,
      { cause: error },
    );
  }
}

/** Loads the jammers of a separate file (`jammers: [...]` or a bare list). */
export function loadJammersFile(path: string): Jammer[] {
  const parsed = parsePlanText(readText(path), path);
  const c = new Checker(parsed.locate);
  const value = parsed.value;
  let list: unknown = value;
  let at: FieldPath = [];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    c.onlyKeys(obj, [], ['jammers', 'name', 'description']);
    list = obj.jammers;
    at = ['jammers'];
  }
  const jammers = validateJammers(c, list, at.length ? at : ['jammers'], dirname(path));
  if (c.issues.length > 0) throw new PlanError(c.issues, path);
  return jammers;
}

export interface LoadPlanOptions extends Pick<ValidateOptions, 'technologies' | 'cellRanges'> {
  /** Replaces (or adds) the plan's jammers with those in this file. */
  jammersFile?: string;
}

/** Reads, parses and validates a plan file. */
export function loadPlanFile(path: string, options: LoadPlanOptions = {}): Plan {
  const file = resolve(path);
  const baseDir = dirname(file);
  const parsed = parsePlanText(readText(file), basename(file));
  let jammers: Jammer[] | undefined;
  if (options.jammersFile) {
    jammers = loadJammersFile(resolve(options.jammersFile));
  } else if (parsed.value !== null && typeof parsed.value === 'object') {
    const named = (parsed.value as Record<string, unknown>).jammers;
    if (typeof named === 'string') jammers = loadJammersFile(resolve(baseDir, named));
  }
  return validatePlan(parsed.value, {
    ...options,
    baseDir,
    locate: parsed.locate,
    file: basename(file),
    ...(jammers ? { jammers } : {}),
  });
}

/** Parses and validates plan text (the web planner posts plans as text). */
export function parsePlan(text: string, options: ValidateOptions = {}): Plan {
  const parsed = parsePlanText(text, options.file);
  return validatePlan(parsed.value, { ...options, locate: parsed.locate });
}
