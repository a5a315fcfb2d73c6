#!/usr/bin/env node
// Builds config/crypto-merchants.tsv (the crypto-merchant universe) from the exchanges that the
// pinned ccxt package describes and the hand-curated rows in curated.tsv. No network calls: ccxt's
// exchange classes are only instantiated to read their static description.
//
//   cd src/universe && npm ci && node build.mjs
//
// The output is deterministic: rows sorted by kind and brand, no timestamps; the only varying data
// in the header are the pinned package versions. See README.md beside this file.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ccxt from 'ccxt';
import wordListPath from 'word-list';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const OUT = path.join(REPO, 'config', 'crypto-merchants.tsv');
const CURATED = path.join(HERE, 'curated.tsv');

// Output kinds, in output order.
const KINDS = [
  'EXCHANGE', 'BROKER', 'CRYPTO_ONRAMP', 'WALLET', 'NFT_PLATFORM', 'P2P_MARKET', 'CRYPTO_ATM',
  'CRYPTO_SERVICES', 'EXCLUDE',
];
// Kinds that only steer the build and are not written out.
const CONTROL_KINDS = ['SKIP', 'COMMON'];

// A name that is only one of these words is too generic to match safely; the words stay usable
// inside a longer name ("Crypto.com", "BTC Markets") or a host.
const GENERIC_WORDS = new Set([
  'exchange', 'crypto', 'bit', 'coin', 'coins', 'token', 'market', 'markets', 'pro', 'global',
  'trade', 'trading', 'wallet', 'swap', 'finance', 'app', 'one', 'dex', 'nft', 'btc', 'futures',
]);

// ccxt ids that name test or sandbox deployments rather than a brand.
const TEST_ID = /(test|sandbox|demo|staging)/i;

// Second-level public suffixes under which the registrable host has three labels.
const TWO_LEVEL_SUFFIXES = new Set([
  'co.il', 'co.jp', 'co.kr', 'co.uk', 'co.id', 'co.th', 'co.in', 'co.nz', 'co.za',
  'com.au', 'com.br', 'com.tr', 'com.sg', 'com.hk', 'com.cn', 'com.mx', 'com.ar', 'com.tw',
  'or.jp', 'ne.jp',
]);
// Registrable domains that belong to a wider, non-crypto business: keep the crypto subdomain.
const KEEP_SUBDOMAIN = new Set(['revolut.com']);

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

function packageVersion(name) {
  const file = path.join(HERE, 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

const CCXT_VERSION = packageVersion('ccxt');
const WORDS_VERSION = packageVersion('word-list');
const CCXT_TAG = `ccxt@${CCXT_VERSION}`;

// ---------------------------------------------------------------------------------------------
// Text helpers

const HAN_OR_OTHER_SCRIPT = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

function fold(s) {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Latin/digit runs and single characters of other scripts, for comparing names. */
function tokens(name) {
  return fold(name).match(/[a-z0-9]+|[^\s\p{P}\p{S}\x00-\x7f]/gu) ?? [];
}

function key(name) {
  return tokens(name).join(' ');
}

function isLatinOnly(name) {
  return !HAN_OR_OTHER_SCRIPT.test(name);
}

function containsPhrase(longer, shorter) {
  const a = tokens(longer);
  const b = tokens(shorter);
  if (b.length === 0 || b.length > a.length) return false;
  for (let i = 0; i + b.length <= a.length; i++) {
    if (b.every((t, j) => a[i + j] === t)) return true;
  }
  return false;
}

function isDomainLike(name) {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(name.trim());
}

function tooGeneric(name) {
  const k = key(name);
  if (k === '') return true;
  if (isLatinOnly(name) && k.replace(/ /g, '').length < 3) return true;
  return GENERIC_WORDS.has(k);
}

// ---------------------------------------------------------------------------------------------
// Common-word marking

const englishWords = new Set(
  fs.readFileSync(wordListPath, 'utf8').split('\n').map((w) => w.trim().toLowerCase()).filter(Boolean),
);

function makeIsCommon(extraWords) {
  return (name) => {
    if (/\p{N}/u.test(name)) return false;
    if (!isLatinOnly(name)) return false;
    if (isDomainLike(name)) return false; // the TLD qualifies it: blur.io, gate.io
    const words = fold(name).match(/[a-z]+/g) ?? [];
    if (words.length === 0) return false;
    return words.every((w) => englishWords.has(w) || extraWords.has(w));
  };
}

// ---------------------------------------------------------------------------------------------
// Hosts

function hostOf(url) {
  if (typeof url !== 'string' || url.includes('{')) return null;
  let s = url.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `https://${s}`;
  let host;
  try {
    host = new URL(s).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '');
  if (!host.includes('.') || /^[0-9.]+$/.test(host)) return null;
  return registrable(host);
}

function registrable(host) {
  const labels = host.replace(/^www\./, '').split('.');
  const suffix2 = labels.slice(-2).join('.');
  const n = TWO_LEVEL_SUFFIXES.has(suffix2) ? 3 : 2;
  const base = labels.slice(-n).join('.');
  if (KEEP_SUBDOMAIN.has(base) && labels.length > n) return labels.slice(-(n + 1)).join('.');
  return base;
}

function stringsIn(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') {
    return Object.keys(value).sort().flatMap((k) => stringsIn(value[k]));
  }
  return [];
}

function hostsOf(exchange) {
  const urls = exchange.urls ?? {};
  let hosts = stringsIn(urls.www).map(hostOf).filter(Boolean);
  if (hosts.length === 0 && typeof exchange.hostname === 'string') {
    hosts = [hostOf(exchange.hostname)].filter(Boolean);
  }
  if (hosts.length === 0) hosts = stringsIn(urls.api).map(hostOf).filter(Boolean);
  return [...new Set(hosts)];
}

// ---------------------------------------------------------------------------------------------
// Inputs

function readCurated() {
  const rows = [];
  const lines = fs.readFileSync(CURATED, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const where = `curated.tsv:${i + 1}`;
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('kind\t')) return;
    const cols = line.split('\t');
    if (cols.length < 5 || cols.length > 6) fail(`${where}: expected 5 or 6 tab-separated columns`);
    const [kind, brand, names, hosts, source, ids = ''] = cols.map((c) => c.trim());
    if (!KINDS.includes(kind) && !CONTROL_KINDS.includes(kind)) fail(`${where}: unknown kind ${kind}`);
    if (!brand) fail(`${where}: empty brand`);
    if (!source) fail(`${where}: every row needs a source`);
    if (names.includes('~')) fail(`${where}: do not write ~ by hand, build.mjs adds it`);
    const split = (s) => (s === '-' || s === '' ? [] : s.split('|').map((x) => x.trim()).filter(Boolean));
    const hostList = split(hosts);
    for (const h of hostList) {
      if (h !== h.toLowerCase() || /[\s/:]/.test(h) || !h.includes('.')) fail(`${where}: bad host ${h}`);
    }
    rows.push({
      line: i + 1, kind, brand, names: split(names), hosts: hostList, source,
      ccxtIds: ids === '' || ids === '-' ? [] : ids.split(',').map((x) => x.trim()),
    });
  });
  return rows;
}

function readCcxt(skip) {
  const out = [];
  const dropped = [];
  for (const id of [...ccxt.exchanges].sort()) {
    if (TEST_ID.test(id)) {
      dropped.push(`${id}: test/sandbox id`);
      continue;
    }
    if (skip.has(id)) {
      dropped.push(`${id}: SKIP row in curated.tsv`);
      continue;
    }
    const exchange = new ccxt[id]();
    const name = String(exchange.name ?? id).replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    if (TEST_ID.test(name)) {
      dropped.push(`${id}: test/sandbox name ${name}`);
      continue;
    }
    const countries = Array.isArray(exchange.countries) ? exchange.countries.map(String) : [];
    out.push({ id, name, hosts: hostsOf(exchange), countries, dex: exchange.dex === true });
  }
  return { exchanges: out, dropped };
}

function ccxtSource(members) {
  const parts = members.map((m) => {
    const notes = [];
    if (m.dex) notes.push('dex');
    if (m.countries.length) notes.push(m.countries.join('/'));
    return notes.length ? `${m.id} (${notes.join('; ')})` : m.id;
  });
  return `${CCXT_TAG}:${parts.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// Merge

function build() {
  const curated = readCurated();
  const skip = new Set(curated.filter((r) => r.kind === 'SKIP').flatMap((r) => r.ccxtIds));
  const commonExtra = new Set(
    curated.filter((r) => r.kind === 'COMMON').flatMap((r) => r.names).map((w) => fold(w)),
  );
  const isCommon = makeIsCommon(commonExtra);
  const { exchanges, dropped } = readCcxt(skip);
  const byId = new Map(exchanges.map((e) => [e.id, e]));
  const log = [...dropped];

  // Curated rows claim the ccxt ids they name.
  const claimed = new Map();
  for (const row of curated.filter((r) => KINDS.includes(r.kind))) {
    for (const id of row.ccxtIds) {
      if (!byId.has(id)) fail(`curated.tsv:${row.line}: ccxt id ${id} is not in ${CCXT_TAG}`);
      if (claimed.has(id)) fail(`curated.tsv:${row.line}: ccxt id ${id} already claimed`);
      claimed.set(id, row);
    }
  }

  // The remaining ccxt ids: one brand per group of ids that share a host.
  const free = exchanges.filter((e) => !claimed.has(e.id));
  const parent = new Map(free.map((e) => [e.id, e.id]));
  const find = (id) => (parent.get(id) === id ? id : find(parent.get(id)));
  const hostOwner = new Map();
  for (const e of free) {
    for (const h of e.hosts) {
      if (hostOwner.has(h)) {
        const a = find(hostOwner.get(h));
        const b = find(e.id);
        if (a !== b) parent.set(b < a ? a : b, b < a ? b : a);
      } else {
        hostOwner.set(h, e.id);
      }
    }
  }
  const groups = new Map();
  for (const e of free) {
    const root = find(e.id);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root).push(e);
  }

  const rows = [];
  for (const members of groups.values()) {
    members.sort((a, b) => a.id.length - b.id.length || (a.id < b.id ? -1 : 1));
    const lead = members[0];
    if (members.length > 1) log.push(`merged by shared host: ${members.map((m) => m.id).join(', ')} -> ${lead.name}`);
    rows.push({
      kind: 'EXCHANGE',
      brand: lead.name,
      names: [lead.name, ...members.slice(1).map((m) => m.name)],
      hosts: members.flatMap((m) => m.hosts),
      source: ccxtSource(members),
    });
  }
  for (const row of curated.filter((r) => KINDS.includes(r.kind))) {
    const members = row.ccxtIds.map((id) => byId.get(id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (members.length > 1) log.push(`merged by curated.tsv: ${members.map((m) => m.id).join(', ')} -> ${row.brand}`);
    const hosts = [...row.hosts, ...members.flatMap((m) => m.hosts)];
    const sources = members.length ? [ccxtSource(members), row.source] : [row.source];
    rows.push({
      kind: row.kind,
      brand: row.brand,
      names: [row.brand, ...row.names, ...members.map((m) => m.name)],
      hosts: row.kind === 'EXCLUDE' ? [] : hosts,
      source: sources.join('; '),
      curated: true,
      curatedNames: row.names,
    });
  }

  // Clean each row's names and hosts.
  for (const row of rows) {
    const exempt = row.kind === 'EXCLUDE' || /^\(.*\)$/.test(row.brand);
    let names = exempt ? row.curatedNames : row.names;
    if (row.curated && !exempt) {
      // A curated brand is written as it should be displayed; it must be one of its names.
      if (!row.curatedNames.some((n) => key(n) === key(row.brand)) && !tooGeneric(row.brand)) {
        fail(`curated.tsv: brand ${row.brand} must also be listed in its names`);
      }
    }
    const seen = new Set();
    let kept = [];
    for (const n of names) {
      if (/[|\t~]/.test(n)) fail(`name ${n} contains |, tab or ~`);
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      if (row.kind !== 'EXCLUDE' && tooGeneric(n)) {
        log.push(`dropped too generic or short name: ${n} (${row.brand})`);
        continue;
      }
      kept.push({ name: n, common: row.kind !== 'EXCLUDE' && isCommon(n) });
    }
    // Variants that contain a safe (unmarked) name of the same row as a whole phrase add nothing.
    kept = kept.filter((a) => {
      const shadow = kept.find((b) => b !== a && !b.common && key(b.name) !== key(a.name) && containsPhrase(a.name, b.name));
      if (shadow) log.push(`dropped redundant name: ${a.name} (contains ${shadow.name})`);
      return !shadow;
    });
    row.names = kept;
    row.hosts = [...new Set(row.hosts)];
    if (row.names.length === 0) fail(`row ${row.brand} has no usable name`);
  }

  // Checks across rows.
  const nameOwner = new Map();
  const hostRow = new Map();
  const brandSeen = new Set();
  for (const row of rows) {
    const b = fold(row.brand);
    if (brandSeen.has(b)) fail(`brand ${row.brand} appears in two rows`);
    brandSeen.add(b);
    for (const { name } of row.names) {
      const k = key(name);
      if (nameOwner.has(k)) fail(`name ${name} appears in rows ${nameOwner.get(k)} and ${row.brand}`);
      nameOwner.set(k, row.brand);
    }
    for (const h of row.hosts) {
      if (hostRow.has(h)) fail(`host ${h} appears in rows ${hostRow.get(h)} and ${row.brand}`);
      hostRow.set(h, row.brand);
    }
    if (/[\t]/.test(row.source)) fail(`source of ${row.brand} contains a tab`);
  }

  const kindIndex = (k) => KINDS.indexOf(k);
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => kindIndex(a.kind) - kindIndex(b.kind)
    || cmp(a.brand.toLowerCase(), b.brand.toLowerCase()) || cmp(a.brand, b.brand));

  const lines = [
    `# Crypto-merchant universe: generated by src/universe/build.mjs from ${CCXT_TAG} and src/universe/curated.tsv; do not edit by hand (edit curated.tsv and rerun).`,
    `# ~ marks a common-word name: every Latin word of it is an ordinary word (word-list@${WORDS_VERSION} or a COMMON row of curated.tsv); weigh such a hit with other signals.`,
    '# columns: kind, brand, names, hosts, source',
    ['kind', 'brand', 'names', 'hosts', 'source'].join('\t'),
  ];
  for (const row of rows) {
    const names = row.names.map((n) => (n.common ? `~${n.name}` : n.name)).join('|');
    const hosts = row.hosts.length ? row.hosts.join('|') : '-';
    lines.push([row.kind, row.brand, names, hosts, row.source].join('\t'));
  }
  fs.writeFileSync(OUT, `${lines.join('\n')}\n`, 'utf8');

  const counts = {};
  for (const row of rows) counts[row.kind] = (counts[row.kind] ?? 0) + 1;
  console.error(`wrote ${path.relative(REPO, OUT)}: ${rows.length} rows`);
  for (const k of KINDS) console.error(`  ${k.padEnd(16)} ${counts[k] ?? 0}`);
  if (process.env.UNIVERSE_VERBOSE) for (const l of log) console.error(`  ${l}`);
}

build();
