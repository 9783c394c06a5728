// What a worker needs to check a disclosure, as plain data: decimals cross the thread boundary as
// strings, rules as their ids. A request that cannot be sent (custom rules, functions) is checked
// in-process instead.
import { Decimal } from '../core/decimal.js';
import { checkPath, type CheckRequest } from '../check.js';
import { RULES, findRule } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import type { DisclosureResult } from '../report/types.js';
import { targetPath, type DisclosureTarget } from '../load/disclosure.js';

export type Request = Omit<CheckRequest, 'paths'>;

export interface WireRequest {
  /** every field of the request but `rules`, encoded */
  fields: Record<string, unknown>;
  ruleIds?: string[];
}

class NotSendable extends Error {}

function encode(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function' || typeof v === 'symbol') throw new NotSendable();
    return v;
  }
  if (Decimal.isDecimal(v)) return { $dec: (v as InstanceType<typeof Decimal>).toString() };
  if (v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map(encode);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw new NotSendable();
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = encode(x);
  return out;
}

function decode(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map(decode);
  const o = v as Record<string, unknown>;
  if (typeof o.$dec === 'string' && Object.keys(o).length === 1) return new Decimal(o.$dec);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = decode(x);
  return out;
}

/** The request as data a worker can receive, or undefined when it must stay in this thread. */
export function toWire(req: Request): WireRequest | undefined {
  try {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(req)) if (k !== 'rules' && v !== undefined) fields[k] = encode(v);
    const wire: WireRequest = { fields };
    if (req.rules && req.rules !== RULES) {
      if (!req.rules.every((r) => findRule(r.meta.id) === r)) return undefined;
      wire.ruleIds = req.rules.map((r) => r.meta.id);
    }
    return wire;
  } catch (e) {
    if (e instanceof NotSendable) return undefined;
    throw e;
  }
}

export function fromWire(wire: WireRequest): Request {
  const req = decode(wire.fields) as Request;
  if (wire.ruleIds) req.rules = wire.ruleIds.map((id) => findRule(id)).filter((r): r is Rule => r !== undefined);
  return req;
}

export function internalErrorResult(path: string, error: string): DisclosureResult {
  return {
    path,
    findings: [],
    fatal: {
      message: { zh: `内部错误：${error}（可用 --debug 查看详情）`, en: `internal error: ${error} (run with --debug for details)` },
      file: path,
    },
  };
}

export interface Checked {
  result: DisclosureResult;
  /** stack of an internal error, for --debug */
  stack?: string;
}

/** checkPath, with an internal error turned into a result for this disclosure alone. */
export async function checkOne(path: DisclosureTarget, req: Request): Promise<Checked> {
  try {
    return { result: await checkPath(path, req) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const out: Checked = { result: internalErrorResult(targetPath(path), err.message) };
    if (err.stack) out.stack = err.stack;
    return out;
  }
}
