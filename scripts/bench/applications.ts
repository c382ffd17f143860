/**
 * Live-timeline latency (`npm run bench -- applications --count 400`): the time from a handler's
 * stage move (the POST leaving the client) to the applicant's Server-Sent Event arriving. On
 * PostgreSQL the handler and the applicant use two server instances with their own connection
 * pools, so the event crosses LISTEN/NOTIFY; on the embedded database one instance serves both.
 * Reference, same run: the round trip of the POST itself (the move's own cost). Prints median,
 * p95 and max over --moves N (default 50) after 5 warm-up moves.
 */
import crypto from 'node:crypto';
import { createUser } from '../../server/auth/users.ts';
import { loadConfig } from '../../server/config.ts';
import { openDb, type Db } from '../../server/db/index.ts';
import { createLogger } from '../../server/log.ts';
import { start, type Running } from '../../server/main.ts';
import { openBenchDb, type BenchModule, type Engine } from './common.ts';

const PASSWORD = 'bench password 12345';

async function login(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${res.status}`);
  return {
    cookie: res.headers.get('set-cookie')!.split(';')[0]!,
    csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

async function post(base: string, s: { cookie: string; csrf: string }, path: string, body: unknown) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Resolves, for each case id and stage, when the stream reports it. */
function listen(base: string, projectId: string, cookie: string, ac: AbortController) {
  const waiting = new Map<string, (t: number) => void>();
  const ready = (async () => {
    const res = await fetch(`${base}/api/applications/projects/${projectId}/events`, {
      headers: { cookie },
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          const now = performance.now();
          buf += dec.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (!data) continue;
            const e = JSON.parse(data.slice(6)) as { case: string; stage: string };
            waiting.get(`${e.case}:${e.stage}`)?.(now);
          }
        }
      } catch {
        /* aborted at the end */
      }
    })();
  })();
  return {
    ready,
    next: (caseId: string, stage: string) =>
      new Promise<number>((resolve) => waiting.set(`${caseId}:${stage}`, resolve)),
  };
}

const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;

async function measure(engine: Engine, db: Db, url: string | undefined, moves: number) {
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      serveClient: false,
      logLevel: 'silent',
      seedDemo: false,
      apiRateLimitPerMin: 0,
    },
  );
  const log = createLogger('silent');
  const second = url
    ? await openDb({ databaseUrl: url, poolSize: 5, statementTimeoutMs: 30_000, dataDir: '' })
    : db;
  const a: Running = await start(config, log, { db });
  const b: Running = await start(config, log, { db: second });
  const ac = new AbortController();
  try {
    const tag = crypto.randomBytes(4).toString('hex');
    const applicantEmail = `bench-applicant-${tag}@example.org`;
    const handlerEmail = `bench-handler-${tag}@example.org`;
    const by = { userId: null, actor: 'bench' };
    await createUser(
      db,
      { email: applicantEmail, password: PASSWORD, role: 'applicant', organisation: 'Bench Oy' },
      by,
    );
    await createUser(
      db,
      { email: handlerEmail, password: PASSWORD, role: 'handler', departmentId: 'environmental-services' },
      by,
    );
    const applicant = await login(b.url, applicantEmail);
    const handler = await login(a.url, handlerEmail);
    const [plot] = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM plots WHERE status = 'published' AND use_code IN ('T', 'TT', 'TY', 'T/kem') ORDER BY id LIMIT 1`,
    );
    const created = (await post(b.url, applicant, '/api/applications/projects', {
      plotIds: [plot!.id],
      activity: 'surface-treatment',
      facts: { new_building: true },
    })) as { project: { id: string; cases: Array<{ id: string; permit: { code: string } }> } };
    const projectId = created.project.id;
    const env = created.project.cases.find((c) => c.permit.code === 'environmental-permit')!.id;
    await post(b.url, applicant, `/api/applications/projects/${projectId}/submit`, {});
    const stream = listen(b.url, projectId, applicant.cookie, ac);
    await stream.ready;
    await post(a.url, handler, `/api/applications/cases/${env}/stage`, { to: 'received' });
    await post(a.url, handler, `/api/applications/cases/${env}/stage`, { to: 'in_processing' });
    const sse: number[] = [];
    const rtt: number[] = [];
    let stage = 'in_processing';
    for (let i = 0; i < moves + 5; i++) {
      const to = stage === 'in_processing' ? 'supplement_requested' : 'in_processing';
      const heard = stream.next(env, to);
      const t0 = performance.now();
      await post(a.url, handler, `/api/applications/cases/${env}/stage`, { to, message: 'bench' });
      const t1 = performance.now();
      const t2 = await heard;
      if (i >= 5) {
        sse.push(t2 - t0);
        rtt.push(t1 - t0);
      }
      stage = to;
    }
    sse.sort((x, y) => x - y);
    rtt.sort((x, y) => x - y);
    const f = (v: number) => v.toFixed(1);
    console.log(
      `${engine.padEnd(9)} ${url ? 'two instances' : 'one instance '}  move -> SSE event: median ${f(pct(sse, 50))} ms, ` +
        `p95 ${f(pct(sse, 95))} ms, max ${f(sse.at(-1)!)} ms | the move's own round trip: median ${f(pct(rtt, 50))} ms ` +
        `(event/round trip ${(pct(sse, 50) / pct(rtt, 50)).toFixed(2)}) over ${moves} moves`,
    );
  } finally {
    ac.abort();
    await b.stop();
    await a.stop();
    if (second !== db) await second.close();
  }
}

export const bench: BenchModule = {
  description: 'live timeline: handler stage move -> applicant SSE event latency',
  async run(opts) {
    const moves = Number(opts.extra.moves ?? 50) || 50;
    for (const engine of opts.engines) {
      const { db, url } = await openBenchDb(engine, opts.count, opts.fresh);
      try {
        await measure(engine, db, url, moves);
      } finally {
        await db.close();
      }
    }
  },
};
